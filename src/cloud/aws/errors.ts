// Maps AWS SDK v3 errors to the ports' CloudError: the exact AWS code (the SDK error name, or
// `Code` for query protocols), the message, and whether the same call may succeed later.
import { CloudError, DRY_RUN_OPERATION, RETRYABLE_CODES, type CloudService } from '../ports.js';

/** Network failures that a later attempt may not meet. */
const TRANSIENT_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout']);

interface SdkError {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number };
}

/** The CloudError for anything an SDK call threw. */
export function toCloudError(service: CloudService, e: unknown): CloudError {
  if (e instanceof CloudError) return e;
  const err = (e ?? {}) as SdkError;
  const status = err.$metadata?.httpStatusCode;
  // An HTTP answer the SDK could not read as an AWS error (no $fault): typically an emulator's
  // HTML page for an operation it does not implement. Only gateway statuses are worth retrying.
  if (err.$fault === undefined && status !== undefined) {
    return new CloudError(
      service,
      'InternalFailure',
      `The ${service} endpoint answered HTTP ${status} with a body that is not an AWS error response; the operation may not be supported there.`,
      status === 502 || status === 503 || status === 504,
    );
  }
  // Node network errors carry `code` (ECONNREFUSED…) and the generic name `Error`.
  const network = err.code && TRANSIENT_NETWORK.has(err.code) ? err.code : undefined;
  const code = err.Code ?? network ?? (err.name && err.name !== 'Error' ? err.name : undefined) ?? 'UnknownError';
  // A dry run that would have succeeded (HTTP 412): the dry run's success, never worth retrying.
  if (code === DRY_RUN_OPERATION) return new CloudError(service, code, err.message || code, false);
  const retryable =
    RETRYABLE_CODES.has(code) ||
    TRANSIENT_NETWORK.has(code) ||
    err.$retryable !== undefined ||
    err.$fault === 'server' ||
    (status !== undefined && status >= 500);
  return new CloudError(service, code, err.message || code, retryable);
}

/**
 * Codes that only KMS or S3 send. An EC2 call failing with one (CopyImage on an unusable key,
 * ExportImage to a missing bucket — as ibex's simulated EC2 answers them) is that service's
 * failure, as the ports report it; EC2 itself never sends these codes.
 */
const FOREIGN_CODES: Record<string, CloudService> = {
  NotFoundException: 'kms',
  AccessDeniedException: 'kms',
  KMSInvalidStateException: 'kms',
  DisabledException: 'kms',
  NoSuchBucket: 's3',
};

/** Runs one SDK call, turning whatever it throws into a CloudError of `service`. */
export async function call<T>(service: CloudService, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    const err = toCloudError(service, e);
    const owner = service === 'ec2' ? FOREIGN_CODES[err.code] : undefined;
    throw owner ? new CloudError(owner, err.code, err.message, err.retryable) : err;
  }
}
