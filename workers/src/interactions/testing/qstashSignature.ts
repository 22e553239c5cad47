import { SignJWT } from 'jose';

/**
 * Signs a delivery as QStash does (`Upstash-Signature`: HS256 JWT, issuer Upstash, subject =
 * destination URL, `body` = base64url SHA-256 of the body), so the real Receiver verifies it.
 */
export async function qstashSignature(signingKey: string, url: string, body: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
  const bodyHash = btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ body: bodyHash })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('Upstash')
    .setSubject(url)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 300)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(signingKey));
}
