// Types describing the model's shapes as the generator emits them (src/model/generated/*).
// Hand-written: the generated data is typed by these.

/** A member of a structure shape, with its HTTP binding. */
export interface MemberDef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header';
  locationName?: string;
  idempotencyToken?: boolean;
}

/** One shape of the model, reduced to what validation and serialization need. */
export interface ShapeDef {
  type: 'structure' | 'string' | 'list' | 'map' | 'integer' | 'long' | 'double' | 'boolean' | 'timestamp';
  members?: Record<string, MemberDef>;
  required?: string[];
  member?: string;
  key?: string;
  value?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  exception?: boolean;
  httpStatusCode?: number;
}

/** An operation's route and shapes. */
export interface OperationDef {
  name: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  uri: string;
  input?: string;
  output?: string;
  errors: string[];
}

/** A paginated operation's token and result keys. */
export interface PaginatorDef {
  inputToken: string;
  outputToken: string;
  limitKey?: string;
  resultKey: string;
}
