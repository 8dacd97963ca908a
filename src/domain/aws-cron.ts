// How an AWS cron body (the text inside `cron(...)`, six fields: min hour dom month dow year)
// reads as a croner pattern — one reading for the scheduler that runs pipelines and for the
// readers (CLI, console) that show their next runs.
import { Cron } from 'croner';

/** A paused croner job for an AWS cron body in `timezone`; throws croner's error on a bad pattern. */
export function awsCron(body: string, timezone: string): Cron {
  // croner's 7-part mode has a seconds field first; AWS weekdays are 1-7 = SUN-SAT (Quartz).
  return new Cron(`0 ${body.trim().replace(/\s+/g, ' ')}`, {
    timezone,
    mode: '7-part',
    alternativeWeekdays: true,
    sloppyRanges: true,
    domAndDow: true,
    paused: true,
  });
}
