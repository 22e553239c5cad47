import { WebSocket } from 'ws';

/** A gateway payload as received. */
export interface RawPayload {
  op: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON as received (malformed too); tests read the fields they assert on
  d: any;
  s: number | null;
  t: string | null;
}

/**
 * A bare WebSocket gateway client for tests: records every payload and the close code,
 * sends whatever it is told (including malformed payloads), never heartbeats on its own.
 */
export class RawGatewayClient {
  readonly received: RawPayload[] = [];
  /** Dispatches (op 0) received so far. */
  readonly dispatches: RawPayload[] = [];
  closeCode: number | null = null;
  private readonly ws: WebSocket;
  private waiters: (() => void)[] = [];

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data) => {
      const p = JSON.parse(String(data)) as RawPayload;
      this.received.push(p);
      if (p.op === 0) this.dispatches.push(p);
      this.wake();
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
    this.ws.on('error', () => {});
  }

  /** Sends now, or as soon as the socket opens. */
  send(payload: unknown): void {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.once('open', () => this.ws.send(text));
    else if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  identify(token: string, intents: number, extra: Record<string, unknown> = {}): void {
    this.send({ op: 2, d: { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' }, ...extra } });
  }

  /** Resolves when `pred` holds (checked on every payload and on close), or throws after `ms`. */
  async until(pred: () => boolean, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!pred()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received ops ${this.received.map((p) => p.t ?? p.op).join(',')} close ${this.closeCode}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for the close code. */
  async closed(ms = 5_000): Promise<number> {
    await this.until(() => this.closeCode !== null, ms);
    return this.closeCode!;
  }

  /** Calls back with the HTTP status when the upgrade is refused. */
  onUnexpectedResponse(cb: (status: number) => void): void {
    this.ws.on('unexpected-response', (_req, res) => {
      cb(res.statusCode ?? 0);
      res.resume();
    });
  }

  /** Closes with a close frame carrying `code`. */
  closeWith(code: number): void {
    this.ws.close(code);
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
