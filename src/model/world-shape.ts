// Types of the world services' contracts as tools/generate-world-model.ts emits them
// (src/model/generated/world/*): the botocore model of each service, trimmed, as typed data.

/** A member of a structure, with its wire binding (query/XML names, REST location). */
export interface WMember {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  /** EC2 query: the key used on the wire, when it differs from the capitalised locationName. */
  queryName?: string;
  flattened?: boolean;
  idempotencyToken?: boolean;
  xmlNamespace?: { uri: string };
  timestampFormat?: string;
}

/** One shape, reduced to what parsing, validation and serialisation need. */
export interface WShape {
  type: 'structure' | 'string' | 'list' | 'map' | 'integer' | 'long' | 'double' | 'float' | 'boolean' | 'timestamp' | 'blob';
  members?: Record<string, WMember>;
  required?: string[];
  member?: WMember;
  key?: WMember;
  value?: WMember;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  flattened?: boolean;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  timestampFormat?: string;
  payload?: string;
  streaming?: boolean;
  sensitive?: boolean;
  locationName?: string;
  xmlNamespace?: { uri: string };
}

/** One operation: its HTTP binding and shapes. */
export interface WOperation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string; locationName?: string; xmlNamespace?: { uri: string } };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}

/** A service's model: protocol metadata, operations, shapes. */
export interface ServiceModel {
  metadata: {
    apiVersion: string;
    protocol: 'ec2' | 'query' | 'json' | 'rest-xml';
    jsonVersion?: string;
    targetPrefix?: string;
    xmlNamespace?: string;
    signingName?: string;
    endpointPrefix: string;
    serviceId: string;
  };
  operations: Record<string, WOperation>;
  shapes: Record<string, WShape>;
}
