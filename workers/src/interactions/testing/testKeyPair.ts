/** An Ed25519 key pair standing in for Discord's, to sign interactions in tests and the bench. */
export interface TestKeyPair {
  /** Hex public key, as `DISCORD_PUBLIC_KEY`. */
  publicKeyHex: string;
  /** Signs `timestamp + body` as Discord does; returns the hex `X-Signature-Ed25519`. */
  sign(timestamp: string, body: string): Promise<string>;
  /** Headers and body of a signed `POST /interactions`. */
  signedInit(body: unknown, options?: { timestamp?: number }): Promise<RequestInit>;
}

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/** Generates a fresh key pair with WebCrypto (the same API the Worker verifies with). */
export async function createTestKeyPair(): Promise<TestKeyPair> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKeyHex = hex((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  const encoder = new TextEncoder();
  const sign = async (timestamp: string, body: string) =>
    hex(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, encoder.encode(timestamp + body)));
  return {
    publicKeyHex,
    sign,
    async signedInit(body, options = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
      return {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': await sign(timestamp, text), 'x-signature-timestamp': timestamp },
        body: text,
      };
    },
  };
}
