// Assumed-role sessions on the wire: the session token carries its claims (context.ts), and the
// secret key is derived from the token, so strict auth can verify a session's signatures after a
// restart without storing secrets. (ibex's simulated tokens are not secrets; see known-differences.)
import { createHash, createHmac } from 'node:crypto';

/** The secret access key that goes with a simulated session token. */
export function sessionSecret(sessionToken: string): string {
  return createHmac('sha256', 'ibex-simulated-session-v1')
    .update(sessionToken)
    .digest('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 40);
}

/** A role's unique id (`AROA` + 17 characters), stable for the account and role name. */
export function roleId(accountId: string, roleName: string): string {
  return `AROA${createHash('sha256').update(`${accountId}:${roleName}`).digest('hex').slice(0, 17).toUpperCase()}`;
}
