import { createPrivateKey, sign } from 'node:crypto';

/**
 * Signs a request body as Discord does: Ed25519 over `timestamp + body`, hex
 * (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers).
 */
export function signRequest(privateKeyPkcs8Base64: string, body: string, timestamp = String(Math.floor(Date.now() / 1000))): { 'X-Signature-Ed25519': string; 'X-Signature-Timestamp': string } {
  const key = createPrivateKey({ key: Buffer.from(privateKeyPkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
  const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');
  return { 'X-Signature-Ed25519': signature, 'X-Signature-Timestamp': timestamp };
}
