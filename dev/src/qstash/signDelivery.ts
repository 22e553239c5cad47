import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/**
 * Signs one delivery as QStash does: an HS256 JWT keyed by the current signing key with
 * `iss` "Upstash", `sub` the destination URL, a 5-minute `exp`, `nbf`/`iat` now, a unique
 * `jti`, and `body` the base64url SHA-256 of the body, which `@upstash/qstash`'s `Receiver`
 * checks.
 */
export async function signDelivery(signingKey: string, destination: string, body: Uint8Array): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return new SignJWT({ body: bodyHash })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('Upstash')
    .setSubject(destination)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 300)
    .setJti(`jwt_${randomUUID().replace(/-/g, '')}`)
    .sign(new TextEncoder().encode(signingKey));
}
