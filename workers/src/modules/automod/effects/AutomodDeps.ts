import type { AutomatedContext } from '../../moderation';
import type { FeedInput } from '../../../platform/hub/feed';

/** What Automod's effects need in a guild: Moderation's services (cases as the bot) and the live feed. */
export interface AutomodDeps extends AutomatedContext {
  /** A line in the dashboard's live feed (no-op where there is none). */
  report: (item: FeedInput) => void;
}
