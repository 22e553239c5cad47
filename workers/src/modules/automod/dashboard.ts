/** Pure code the dashboard runs too (`@edge/workers/modules/automod/dashboard`): the schema and the presets. */
export { automodConfigSchema } from './config';
export { applyPreset, PRESET_NAMES, type PresetName } from './presets';
