/**
 * What the dashboard runs from Welcome (`@edge/workers/modules/welcome/dashboard`): the preview
 * renders the message exactly as the bot will. Pure code only: no Worker bindings here.
 */
export { avatarUrl, renderTemplate } from './render';
