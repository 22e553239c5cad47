import { InteractionError } from './InteractionError';

/** Discord's limit on `custom_id` (https://discord.com/developers/docs/components/reference). */
export const CUSTOM_ID_MAX = 100;
/** Bytes of HMAC-SHA256 kept: 64 bits is plenty against forgery of a button, and costs 11 chars. */
const MAC_BYTES = 8;
const PREFIX = /^[A-Za-z0-9_.-]{1,32}$/;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A decoded, verified `custom_id`. */
export interface VerifiedCustomId {
  prefix: string;
  state: string[];
}

/**
 * Signs and verifies `custom_id`s of the form `prefix:state1:state2:mac`, where `mac` is a
 * truncated HMAC-SHA256 of everything before it. The key is derived (HKDF) from a secret, so
 * a member who edits the state of a button gets refused instead of acting on forged state.
 */
export class CustomIdSigner {
  private readonly key: Promise<CryptoKey>;
  private readonly encoder = new TextEncoder();

  constructor(secret: string) {
    this.key = (async () => {
      const base = await crypto.subtle.importKey('raw', this.encoder.encode(secret), 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: this.encoder.encode('edge-admin custom_id v1') },
        base,
        { name: 'HMAC', hash: 'SHA-256', length: 256 },
        false,
        ['sign'],
      );
    })();
  }

  private async mac(text: string): Promise<string> {
    const sig = await crypto.subtle.sign('HMAC', await this.key, this.encoder.encode(text));
    return base64url(new Uint8Array(sig, 0, MAC_BYTES));
  }

  /** Builds a signed id; throws when the prefix or state cannot be carried or it is too long. */
  async sign(prefix: string, state: readonly string[] = []): Promise<string> {
    if (!PREFIX.test(prefix)) throw new Error(`custom_id prefix "${prefix}" must match ${PREFIX}`);
    if (state.some((s) => s.includes(':'))) throw new Error('custom_id state must not contain ":"');
    const text = [prefix, ...state].join(':');
    const id = `${text}:${await this.mac(text)}`;
    if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id is ${id.length} characters; Discord allows ${CUSTOM_ID_MAX}`);
    return id;
  }

  /** Verifies an id; throws {@link InteractionError} `TamperedCustomId` when it was not ours. */
  async verify(customId: string): Promise<VerifiedCustomId> {
    const cut = customId.lastIndexOf(':');
    if (cut <= 0 || customId.length > CUSTOM_ID_MAX) throw tampered();
    const text = customId.slice(0, cut);
    const expected = await this.mac(text);
    if (!constantTimeEqual(expected, customId.slice(cut + 1))) throw tampered();
    const [prefix, ...state] = text.split(':');
    return { prefix: prefix!, state };
  }
}

function tampered(): InteractionError {
  return new InteractionError('This control is not valid any more. Run the command again.', 'TamperedCustomId');
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
