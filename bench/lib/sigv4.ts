// SigV4-*shaped* request headers: ibex's default auth reads the access key and Region from the
// credential scope without verifying the signature (and moto does the same), so no signing cost.

/** Headers that authenticate as `accountId` in `region` for `service`. */
export function authHeaders(service: string, accountId = '123456789012', region = 'us-east-1'): Record<string, string> {
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${accountId}/${amzDate.slice(0, 8)}/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000`,
    'x-amz-date': amzDate,
  };
}

/** Calls the ibex API with a SigV4-shaped header; throws on a non-2xx answer. */
export async function ibexCall(url: string, method: string, path: string, body?: unknown, accountId?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...authHeaders('imagebuilder', accountId), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}
