import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError } from '../lib/http';
import { parseDelay } from './parseDelay';
import type { QstashMessage } from './types';

const DEDUP_WINDOW_MS = 10 * 60_000;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

/** Options of {@link PublishParser}. */
export interface PublishParserOptions {
  defaultRetries: number;
  timeoutMs: number;
  checkDestination: (url: URL) => boolean;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Turns a publish request (destination, `Upstash-*` headers, body) into a message, with
 * QStash's rules: `Upstash-Forward-*` headers are forwarded without the prefix, delays and
 * not-before set the first attempt, and a deduplication id seen in the last 10 minutes
 * returns the earlier message instead of a new one.
 */
export class PublishParser {
  private readonly seen = new Map<string, { message: QstashMessage; at: number }>();

  constructor(private readonly options: PublishParserOptions) {}

  parse(destination: string, headers: IncomingHttpHeaders | Record<string, string>, body: Buffer): { message: QstashMessage; deduplicated: boolean } {
    let url: URL;
    try {
      url = new URL(destination);
    } catch {
      throw new HttpError(400, `invalid destination url: ${destination || '(empty)'}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError(400, 'destination must be an http(s) url');
    if (!this.options.checkDestination(url)) throw new HttpError(400, `destination ${url.host} is not on this machine; the local QStash only delivers to loopback`);

    const h = (name: string) => one((headers as IncomingHttpHeaders)[name]);
    const now = Date.now();
    let notBefore = now;
    const delay = h('upstash-delay');
    if (delay !== undefined) {
      const ms = parseDelay(delay);
      if (ms === undefined) throw new HttpError(400, `invalid Upstash-Delay: ${delay}`);
      notBefore = now + ms;
    }
    const nb = h('upstash-not-before');
    if (nb !== undefined) {
      if (!/^\d+$/.test(nb)) throw new HttpError(400, `invalid Upstash-Not-Before: ${nb}`);
      notBefore = Number(nb) * 1000;
    }
    const retriesRaw = h('upstash-retries');
    const maxRetries = retriesRaw === undefined ? this.options.defaultRetries : Number(retriesRaw);
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 100) throw new HttpError(400, `invalid Upstash-Retries: ${retriesRaw}`);
    const method = (h('upstash-method') ?? 'POST').toUpperCase();
    if (!METHODS.has(method)) throw new HttpError(400, `invalid Upstash-Method: ${method}`);
    const timeoutRaw = h('upstash-timeout');
    const timeoutMs = timeoutRaw === undefined ? this.options.timeoutMs : (parseDelay(/^\d+$/.test(timeoutRaw) ? `${timeoutRaw}s` : timeoutRaw) ?? NaN);
    if (Number.isNaN(timeoutMs)) throw new HttpError(400, `invalid Upstash-Timeout: ${timeoutRaw}`);

    const forwarded: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(headers)) {
      const lower = k.toLowerCase();
      if (lower.startsWith('upstash-forward-') && v !== undefined) forwarded[lower.slice(16)] = Array.isArray(v) ? v : [v];
    }
    const contentType = h('content-type');
    if (contentType && !forwarded['content-type']) forwarded['content-type'] = [contentType];

    let dedupId = h('upstash-deduplication-id');
    if (!dedupId && h('upstash-content-based-deduplication') === 'true') {
      dedupId = createHash('sha256').update(url.href).update('\0').update(body).digest('hex');
    }
    if (dedupId) {
      for (const [id, s] of this.seen) if (now - s.at > DEDUP_WINDOW_MS) this.seen.delete(id);
      const prior = this.seen.get(dedupId);
      if (prior) return { message: prior.message, deduplicated: true };
    }
    const message: QstashMessage = {
      messageId: `msg_${randomUUID().replace(/-/g, '')}`,
      url: url.href,
      method,
      header: forwarded,
      body: body.toString('utf8'),
      maxRetries,
      retried: 0,
      createdAt: now,
      notBefore,
      deduplicationId: dedupId,
      timeoutMs,
    };
    if (dedupId) this.seen.set(dedupId, { message, at: now });
    return { message, deduplicated: false };
  }
}
