import type { ComponentHandler } from '../../interactions/types';
import { pollStore } from './data/pollStore';
import { VOTE_PREFIX } from './pollMessage';
import { pollServices } from './pollServices';

/**
 * A vote on a button poll (state: poll id, answer index): stored once per member and answer,
 * toggled with multiselect, replaced without; the member alone is told their vote.
 */
export const voteComponent: ComponentHandler = {
  prefix: VOTE_PREFIX,
  async execute(interaction, ctx) {
    return ctx.defer(async () => {
      const s = pollServices(ctx);
      const [pollId, answer] = ctx.state.map(Number) as [number, number];
      const poll = await pollStore.get(s.db, s.guildId, pollId);
      if (!poll) return { content: 'This poll no longer exists.' };
      if (poll.closedAt || Date.parse(poll.endsAt) <= Date.now()) return { content: 'This poll has ended.' };
      if (!(answer >= 0 && answer < poll.answers.length)) return { content: 'That answer is not part of this poll.' };
      const mine = await pollStore.vote(s.db, poll, interaction.member?.user.id ?? interaction.user!.id, answer);
      if (mine.length === 0) return { content: 'Your vote was withdrawn.', allowed_mentions: { parse: [] } };
      return { content: `🗳️ Your vote: ${mine.map((i) => `**${poll.answers[i]}**`).join(', ')}${poll.anonymous ? ' (anonymous)' : ''}`, allowed_mentions: { parse: [] } };
    }, { ephemeral: true, update: false });
  },
};
