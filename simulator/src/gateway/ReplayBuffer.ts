/** One serialized dispatch frame kept for Resume. */
export interface BufferedFrame {
  s: number;
  t: string;
  frame: string;
}

/**
 * The last `size` dispatch frames of a session, in sequence order (a ring buffer, so a busy
 * session costs O(1) per event). Frames are stored serialized: a replay sends the event
 * exactly as it was first sent, even if the object behind it changed since.
 */
export class ReplayBuffer {
  private readonly ring: (BufferedFrame | undefined)[];
  private start = 0;
  private length = 0;
  /** Highest sequence number evicted (0 when nothing was). */
  evictedUpTo = 0;

  constructor(readonly size: number) {
    this.ring = new Array(Math.max(1, size));
  }

  /** Appends a frame, evicting the oldest when full. */
  push(f: BufferedFrame): void {
    if (this.length === this.ring.length) {
      this.evictedUpTo = this.ring[this.start]!.s;
      this.ring[this.start] = f;
      this.start = (this.start + 1) % this.ring.length;
      return;
    }
    this.ring[(this.start + this.length) % this.ring.length] = f;
    this.length++;
  }

  /** Whether every frame after `seq` is still held. */
  canReplayAfter(seq: number): boolean {
    return seq >= this.evictedUpTo;
  }

  /** Frames with `s > seq`, oldest first. */
  after(seq: number): BufferedFrame[] {
    const out: BufferedFrame[] = [];
    for (let i = 0; i < this.length; i++) {
      const f = this.ring[(this.start + i) % this.ring.length]!;
      if (f.s > seq) out.push(f);
    }
    return out;
  }
}
