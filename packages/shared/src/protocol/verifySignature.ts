import { SIGNATURE_WINDOW_MS } from './headers';

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    keys.set(secret, key);
  }
  return key;
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  const out = new Uint8Array(new ArrayBuffer(32));
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Why a signature was refused (never echoes the expected value). */
export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';

/**
 * Checks a shard signature: the timestamp within {@link SIGNATURE_WINDOW_MS} of `now`, then
 * HMAC-SHA256 over `timestamp + '.' + body` with `crypto.subtle.verify`, which compares in
 * constant time. Returns null when valid, else the problem.
 */
export async function verifySignature(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  body: string,
  now = Date.now(),
): Promise<SignatureProblem | null> {
  if (!timestamp || !signature) return 'missing';
  if (!/^\d{10,16}$/.test(timestamp) || !signature.startsWith('v1=')) return 'malformed';
  const mac = hexToBytes(signature.slice(3));
  if (!mac) return 'malformed';
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_WINDOW_MS) return 'stale';
  const ok = await crypto.subtle.verify('HMAC', await hmacKey(secret), mac, new TextEncoder().encode(`${timestamp}.${body}`));
  return ok ? null : 'mismatch';
}
