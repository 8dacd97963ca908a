// AWS schedule expressions for pipelines (facts §4): six-field `cron(min hour dom month dow year)`
// with `? L W #`, month and weekday names and years, or `rate(n minute|minutes|hour|hours|day|days)`,
// evaluated in an IANA time zone. Invalid ones are rejected with AWS's message form.
import type { Cron } from 'croner';
import { awsCron } from '../domain/aws-cron.js';
import { InvalidParameterValueException } from '../model/generated/errors.js';
import { invalidParameter } from '../domain/invalid-parameter.js';

/** A parsed schedule that yields its next matches. */
export interface ScheduleExpression {
  kind: 'cron' | 'rate';
  /** The first match strictly after `after` (epoch ms), or undefined when there is none. */
  next(after: number): number | undefined;
}

const PREFIX = invalidParameter('schedule.scheduleExpression', 'Invalid schedule expression. Details: ');
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

function cronError(pos: number, details: string): InvalidParameterValueException {
  return new InvalidParameterValueException(`${PREFIX}Invalid CRON expression: error at position ${pos}, details: ${details}`);
}

const FIELD = [
  { name: 'minutes', re: /^[0-9,\-*/]+$/ },
  { name: 'hours', re: /^[0-9,\-*/]+$/ },
  { name: 'day-of-month', re: /^(\?|[0-9,\-*/LW]+)$/ },
  { name: 'month', re: /^[0-9A-Za-z,\-*/]+$/ },
  { name: 'day-of-week', re: /^(\?|[0-9A-Za-z,\-*/L#]+)$/ },
  { name: 'year', re: /^[0-9,\-*/]+$/ },
];

/** Validates the fields of an AWS cron body (the text inside `cron(...)`). */
function checkCronFields(body: string): void {
  const fields = body.trim().split(/\s+/);
  if (fields.length < 6) throw cronError(body.length, 'Unexpected end of expression.');
  if (fields.length > 6) {
    const at = body.indexOf(fields[6]!, body.indexOf(fields[5]!) + fields[5]!.length);
    throw cronError(at, `Unexpected token '${fields[6]}'.`);
  }
  let pos = 0;
  for (const [i, f] of fields.entries()) {
    pos = body.indexOf(f, pos);
    if (!FIELD[i]!.re.test(f)) throw cronError(pos, `Invalid characters in the ${FIELD[i]!.name} field '${f}'.`);
    pos += f.length;
  }
  const [, , dom, , dow, year] = fields;
  if ((dom === '?') === (dow === '?')) {
    throw cronError(body.indexOf(dom!), "Support for specifying both a day-of-week AND a day-of-month parameter is not implemented; one of them must be '?'.");
  }
  for (const y of year!.split(/[,\-/]/)) {
    if (y !== '*' && y !== '' && /^\d+$/.test(y) && (Number(y) < 1970 || Number(y) > 2199) && !year!.includes('/')) {
      throw cronError(body.lastIndexOf(year!), `Year '${y}' is out of range (1970-2199).`);
    }
  }
}

/** Parses an AWS schedule expression; throws InvalidParameterValueException with AWS's message. */
export function parseScheduleExpression(expr: string, timezone = 'UTC', anchor = 0): ScheduleExpression {
  const cron = /^cron\((.*)\)$/s.exec(expr.trim());
  if (cron) {
    const body = cron[1]!;
    checkCronFields(body);
    let job: Cron;
    try {
      job = awsCron(body, timezone);
    } catch (e) {
      throw cronError(0, (e as Error).message.replace(/^CronPattern: /, ''));
    }
    return {
      kind: 'cron',
      next(after) {
        const d = job.nextRun(new Date(after));
        return d ? d.getTime() : undefined;
      },
    };
  }
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expr.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2]!.replace(/s$/, '') as keyof typeof UNIT_MS;
    const plural = rate[2]!.endsWith('s');
    if (n < 1 || plural !== n > 1) {
      throw new InvalidParameterValueException(
        `${PREFIX}Invalid RATE expression: the unit must be singular when the value is 1 and plural otherwise, and the value must be positive.`,
      );
    }
    const step = n * UNIT_MS[unit];
    return {
      kind: 'rate',
      // A rate counts from its anchor (the pipeline's creation or last update), not the clock's zero.
      next(after) {
        const k = Math.floor((after - anchor) / step) + 1;
        return anchor + Math.max(1, k) * step;
      },
    };
  }
  throw new InvalidParameterValueException(
    `${PREFIX}The expression must be cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>) or rate(<value> <unit>).`,
  );
}

/** Throws InvalidParameterValueException unless `tz` is an IANA time zone Node knows. */
export function assertTimezone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new InvalidParameterValueException(invalidParameter('schedule.timezone', `'${tz}' is not a valid IANA time zone.`));
  }
}
