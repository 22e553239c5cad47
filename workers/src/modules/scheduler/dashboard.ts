/** Pure Scheduler code the dashboard runs too: the calendar and the post preview. */
export { upcoming, nextDue, type Occurrence } from './occurrences';
export { postBody } from './postBody';
export { CronError, parseCron } from './cron';
