import type { Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { DbLock } from './DbLock';

const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;

/** The transaction status in the last ReadyForQuery of a response, if any ('I', 'T' or 'E'). */
function lastReadyStatus(out: Uint8Array): string | undefined {
  let status: string | undefined;
  let i = 0;
  while (i + 5 <= out.length) {
    const len = (out[i + 1]! << 24) | (out[i + 2]! << 16) | (out[i + 3]! << 8) | out[i + 4]!;
    if (out[i] === 0x5a /* Z */ && len === 5 && i + 5 < out.length) status = String.fromCharCode(out[i + 5]!);
    i += 1 + len;
  }
  return status;
}

/**
 * One client connection speaking the Postgres wire protocol to the shared PGlite session.
 * Messages are framed here and run one at a time under the {@link DbLock}, which this
 * connection keeps until Postgres says the session is idle; if the client goes away inside
 * a transaction, it is rolled back so the next connection starts clean.
 */
export class PgWireConnection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private chain: Promise<void> = Promise.resolve();
  private inTransaction = false;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly db: PGlite,
    private readonly lock: DbLock,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (data) => this.onData(data));
    socket.on('close', () => void this.onClose());
    socket.on('error', () => socket.destroy());
  }

  private onData(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const msg = this.nextMessage();
      if (!msg) break;
      this.chain = this.chain.then(() => this.handle(msg)).catch(() => {
        this.socket.destroy();
      });
    }
  }

  private nextMessage(): Buffer | undefined {
    const b = this.buffer;
    const headerLen = this.started ? 5 : 8;
    if (b.length < headerLen) return undefined;
    const total = this.started ? 1 + b.readInt32BE(1) : b.readInt32BE(0);
    if (b.length < total) return undefined;
    this.buffer = b.subarray(total);
    return b.subarray(0, total);
  }

  private async handle(msg: Buffer): Promise<void> {
    if (this.closed) return;
    if (!this.started) {
      const code = msg.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) return void this.socket.write('N');
      if (code === CANCEL_REQUEST) return void this.socket.end();
      this.started = true;
    } else if (msg[0] === 0x58 /* X: Terminate */) {
      return void this.socket.end();
    }
    await this.lock.acquire(this);
    if (this.closed) return this.lock.release(this);
    const out = await this.db.execProtocolRaw(new Uint8Array(msg), { throwOnError: false });
    if (out.length > 0 && !this.socket.destroyed) this.socket.write(out);
    const status = lastReadyStatus(out);
    if (status !== undefined) {
      this.inTransaction = status !== 'I';
      if (!this.inTransaction) this.lock.release(this);
    }
  }

  private async onClose(): Promise<void> {
    this.closed = true;
    await this.chain.catch(() => {});
    if (this.lock.holds(this)) {
      if (this.inTransaction) await this.db.exec('ROLLBACK').catch(() => {});
      this.lock.release(this);
    } else this.lock.release(this);
  }
}
