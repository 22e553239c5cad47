import { verifyKey } from 'discord-interactions';

/** How far `X-Signature-Timestamp` may be from our clock, either way (replay window). */
export const SIGNATURE_WINDOW_SECONDS = 300;

const keys = new Map<string, Promise<CryptoKey>>();

/**
 * Imports the application's Ed25519 public key once per isolate: `verifyKey` given a hex
 * string would re-import it on every request, which costs CPU we do not have to spend.
 */
export function importPublicKey(hex: string): Promise<CryptoKey> {
  let key = keys.get(hex);
  if (!key) {
    const raw = new Uint8Array(hex.match(/../g)!.map((b) => Number.parseInt(b, 16)));
    key = crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    // A failed import must not poison the cache for the isolate's lifetime.
    key.catch(() => keys.delete(hex));
    keys.set(hex, key);
  }
  return key;
}

/** Why a request was refused (logged, never sent back: Discord's probes learn nothing). */
export type SignatureFailure = 'missing' | 'malformed' | 'stale' | 'invalid';

const SIGNATURE = /^[0-9a-f]{128}$/i;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Verifies a Discord interaction request (Ed25519 over timestamp + raw body) before anything
 * parses the body. See https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers
 */
export async function verifyDiscordRequest(
  request: Request,
  publicKey: CryptoKey,
  nowSeconds: number = Date.now() / 1000,
): Promise<{ ok: true; body: Uint8Array } | { ok: false; reason: SignatureFailure }> {
  const signature = request.headers.get('x-signature-ed25519');
  const timestamp = request.headers.get('x-signature-timestamp');
  if (!signature || !timestamp) return { ok: false, reason: 'missing' };
  if (!SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp)) return { ok: false, reason: 'malformed' };
  const body = new Uint8Array(await request.arrayBuffer());
  if (!(await verifyKey(body, signature, timestamp, publicKey))) return { ok: false, reason: 'invalid' };
  // Checked after the signature so the timestamp is known to be Discord's, not an attacker's.
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  return { ok: true, body };
}
