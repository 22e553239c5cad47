export { Scenario, DEFAULT_WEIGHTS, type ScenarioOptions } from './Scenario.js';
export { populateGuilds, type PopulateOptions } from './populate.js';
export {
  SCENARIO_EVENT_TYPES, createTally, recordEvent,
  type ScenarioEvent, type ScenarioEventType, type ScenarioTally, type GuildTally, type ChannelTally, type MemberTally,
} from './tally.js';
