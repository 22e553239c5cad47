/** Pure code the dashboard runs too (`@edge/workers/modules/automod/dashboard`): the presets. */
export { applyPreset, PRESET_NAMES, type PresetName } from './presets';
