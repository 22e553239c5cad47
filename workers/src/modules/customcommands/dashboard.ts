/** Pure Custom commands code the dashboard runs too: the editor's live preview and its errors. */
export { renderTemplate, type Rendered, type TemplateVars } from './template/renderTemplate';
export { parseTemplate, VARIABLES, LIMITS, type TemplateProblem } from './template/parseTemplate';
export { unsafeRegex } from './config';
export { compileMatcher } from './events/matchers';
