const keys = new Map<string, Promise<CryptoKey>>();

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function toB64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromB64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Imports the AES-256 key once per isolate (it is non-extractable). */
function importKey(hexKey: string): Promise<CryptoKey> {
  let key = keys.get(hexKey);
  if (!key) {
    key = crypto.subtle.importKey('raw', hexToBytes(hexKey), 'AES-GCM', false, ['encrypt', 'decrypt']);
    keys.set(hexKey, key);
  }
  return key;
}

/**
 * AES-256-GCM for Discord tokens at rest (WebCrypto). The output is `v1.<iv b64>.<ciphertext b64>`;
 * the version prefix lets a later key rotation tell old rows from new ones.
 */
export const tokenCipher = {
  async encrypt(hexKey: string, plaintext: string): Promise<string> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await importKey(hexKey), new TextEncoder().encode(plaintext));
    return `v1.${toB64(iv)}.${toB64(new Uint8Array(ct))}`;
  },

  /** Throws when the value was tampered with or encrypted under another key. */
  async decrypt(hexKey: string, sealed: string): Promise<string> {
    const [version, iv, ct] = sealed.split('.');
    if (version !== 'v1' || !iv || !ct) throw new Error('unrecognised token ciphertext');
    const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromB64(iv) }, await importKey(hexKey), fromB64(ct));
    return new TextDecoder().decode(pt);
  },
};
