import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { SimState } from '../SimState.js';
import type { SimApplication } from '../types.js';
import { SimStateError } from '../SimStateError.js';

/** Options for a new application. */
export interface CreateApplicationOptions {
  name?: string;
  /** Derive keys, token and secret from this seed (stable across runs); random otherwise. */
  seed?: string;
  /** `ApplicationFlags` bits: enabled privileged intents. */
  flags?: number;
  ownerId?: string;
  /** Fixed id (e.g. the demo's); a fresh snowflake otherwise. */
  id?: string;
  redirectUris?: string[];
}

// PKCS#8 header for a raw 32-byte Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function bytes(seed: string | undefined, label: string, n: number): Buffer {
  if (seed === undefined) return randomBytes(n);
  return createHash('sha256').update(`${seed}:${label}`).digest().subarray(0, n);
}

/** Applications (bots): keys, tokens, OAuth client secrets, privileged intents, commands. */
export class ApplicationStore {
  constructor(private readonly s: SimState) {}

  /** Creates an application and its bot user. */
  create(opts: CreateApplicationOptions = {}): SimApplication {
    const id = opts.id ?? this.s.snowflakes.next();
    const privateKey =
      opts.seed === undefined
        ? generateKeyPairSync('ed25519').privateKey
        : createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, bytes(opts.seed, 'ed25519', 32)]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    const name = opts.name ?? 'Edge Admin';
    // Real bot tokens: base64(user id) . base64(timestamp) . HMAC — the shape matters to clients that parse the id.
    const ts = bytes(opts.seed, 'ts', 4).toString('base64url');
    const botToken = `${Buffer.from(id).toString('base64url')}.${ts}.${bytes(opts.seed, 'token', 27).toString('base64url')}`;
    const app: SimApplication = {
      id,
      name,
      botUserId: id,
      publicKey: spki.subarray(spki.length - 32).toString('hex'),
      privateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      botToken,
      clientId: id,
      clientSecret: bytes(opts.seed, 'secret', 24).toString('base64url'),
      flags: opts.flags ?? 0,
      interactionsEndpointUrl: null,
      redirectUris: opts.redirectUris ?? [],
      ownerId: opts.ownerId ?? null,
      commands: [],
      guildCommands: {},
    };
    this.s.data.applications[id] = app;
    this.s.users.create({ id, username: name.toLowerCase().replace(/\W+/g, '-'), global_name: null, bot: true });
    return app;
  }

  /** The application, or 404 Unknown Application (10002). */
  get(id: string): SimApplication {
    const app = this.s.data.applications[id];
    if (!app) throw new SimStateError(404, 10002, 'Unknown Application');
    return app;
  }

  /** The application whose bot token this is, if any. */
  byBotToken(token: string): SimApplication | undefined {
    return Object.values(this.s.data.applications).find((a) => a.botToken === token);
  }

  /** The application with this OAuth client id, if any. */
  byClientId(clientId: string): SimApplication | undefined {
    return Object.values(this.s.data.applications).find((a) => a.clientId === clientId);
  }

  /** Enables privileged intents (ApplicationFlags bits), e.g. `GatewayGuildMembers | GatewayMessageContent`. */
  setFlags(id: string, flags: number): void {
    this.get(id).flags = flags;
  }
}
