import type { APIMessage } from 'discord-api-types/v10';
import type { InteractionResult } from '@edge/simulator';
import { expect } from 'vitest';

/** The text of a command's (deferred, ephemeral) reply once it is final, as the member sees it. */
export async function replyOf(res: InteractionResult): Promise<string> {
  expect(res, `${res.reason}: ${res.detail}`).toMatchObject({ failed: false });
  for (let i = 0; i < 200; i++) {
    const m = res.record.ephemeral.find((x) => x.id === res.record.originalMessageId) as APIMessage | undefined;
    if (m?.content) return m.content;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('no final reply');
}
