import { constants, createDeflate, type Deflate } from 'node:zlib';

const SYNC_FLUSH_SUFFIX = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/**
 * `compress=zlib-stream` transport compression: one zlib context for the whole connection,
 * each payload flushed with Z_SYNC_FLUSH so it ends with `00 00 ff ff`, which is how clients
 * find message boundaries.
 * @see https://discord.com/developers/docs/events/gateway#transport-compression
 */
export class ZlibStreamEncoder {
  private readonly deflate: Deflate;
  private pending: Buffer[] = [];

  constructor(send: (data: Buffer) => void) {
    this.deflate = createDeflate({ chunkSize: 65_535 });
    this.deflate.on('data', (chunk: Buffer) => {
      this.pending.push(chunk);
      if (chunk.length >= 4 && chunk.subarray(-4).equals(SYNC_FLUSH_SUFFIX)) {
        const out = this.pending.length === 1 ? chunk : Buffer.concat(this.pending);
        this.pending = [];
        send(out);
      }
    });
    // A write after close only happens while the socket is going away; nothing to report.
    this.deflate.on('error', () => {});
  }

  /** Compresses one payload and sends it once flushed (in order). */
  write(frame: string): void {
    this.deflate.write(frame);
    this.deflate.flush(constants.Z_SYNC_FLUSH);
  }

  /** Frees the zlib context. */
  close(): void {
    this.deflate.close();
  }
}
