import { randomBytes } from 'node:crypto';
import { InteractionType } from 'discord-api-types/v10';
import type { SimApplication } from '../state/index.js';
import { signRequest } from './signRequest.js';

/** One probe and how the endpoint answered. */
export interface ProbeCheck {
  name: 'valid_ping' | 'invalid_signature' | 'tampered_body' | 'missing_headers';
  expected: string;
  status: number;
  ok: boolean;
}

/** The outcome of Discord's endpoint validation. */
export interface ProbeResult {
  ok: boolean;
  checks: ProbeCheck[];
  /** Human-readable wrong answers (empty when ok). */
  problems: string[];
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(3_000) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  } catch {
    return { status: 0, json: undefined };
  }
}

/**
 * What Discord does when an interactions endpoint URL is saved: a signed PING must get `{type: 1}`,
 * and PINGs with a bad signature, a tampered body or no signature must get 401
 * (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint).
 */
export async function probeEndpoint(url: string, app: SimApplication): Promise<ProbeResult> {
  const ping = () => JSON.stringify({ id: BigInt(Date.now()).toString(), application_id: app.id, type: InteractionType.Ping, token: randomBytes(24).toString('base64url'), version: 1 });
  const checks: ProbeCheck[] = [];
  const valid = ping();
  const r1 = await post(url, valid, signRequest(app.privateKeyPkcs8, valid));
  checks.push({ name: 'valid_ping', expected: '200 {"type":1}', status: r1.status, ok: r1.status === 200 && (r1.json as { type?: number } | undefined)?.type === 1 });
  const bad = ping();
  const badHeaders = { ...signRequest(app.privateKeyPkcs8, bad), 'X-Signature-Ed25519': randomBytes(64).toString('hex') };
  const r2 = await post(url, bad, badHeaders);
  checks.push({ name: 'invalid_signature', expected: '401', status: r2.status, ok: r2.status === 401 });
  const signedFor = ping();
  const tampered = signedFor.replace(`"type":${InteractionType.Ping}`, `"type":${InteractionType.Ping} `);
  const r3 = await post(url, tampered, signRequest(app.privateKeyPkcs8, signedFor));
  checks.push({ name: 'tampered_body', expected: '401', status: r3.status, ok: r3.status === 401 });
  const r4 = await post(url, ping(), {});
  checks.push({ name: 'missing_headers', expected: '401', status: r4.status, ok: r4.status === 401 });
  const problems = checks.filter((c) => !c.ok).map((c) => `${c.name}: expected ${c.expected}, got ${c.status || 'no answer'}`);
  return { ok: problems.length === 0, checks, problems };
}
