// Expands Image Builder's name templates (facts §1.3): {{imagebuilder:buildDate}} (ISO-8601 UTC
// with ':' turned into '-'), {{imagebuilder:buildDate:<format>}} and {{imagebuilder:buildVersion}}
// (the build number), with or without spaces inside the braces. Unknown templates stay as written.

/** What templates expand to for one build. */
export interface TemplateValues {
  buildDate: Date;
  /** The build number: the 4th node of the image version. */
  buildVersion: number;
}

const TEMPLATE = /\{\{\s*imagebuilder:(buildDate|buildVersion)(?::([^}]*?))?\s*\}\}/g;

/** Expands every Image Builder template in `text`. */
export function expandTemplates(text: string, v: TemplateValues): string {
  return text.replace(TEMPLATE, (_m, name: string, format: string | undefined) => {
    if (name === 'buildVersion') return String(v.buildVersion);
    return format ? formatDate(v.buildDate, format.trim()) : isoBuildDate(v.buildDate);
  });
}

/** The default timestamp form: `2020-02-18T22-49-08.131Z`. */
export function isoBuildDate(d: Date): string {
  return d.toISOString().replace(/:/g, '-');
}

/** The name AWS gives an AMI when the configuration names none: `<image name> <timestamp>`. */
export function defaultAmiName(imageName: string, d: Date): string {
  return `${imageName} ${isoBuildDate(d)}`;
}

// Java-style date patterns (yyyy, yy, MM, dd, HH, mm, ss, SSS) in UTC; other letters are kept.
function formatDate(d: Date, pattern: string): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const parts: Record<string, string> = {
    yyyy: pad(d.getUTCFullYear(), 4),
    yy: pad(d.getUTCFullYear() % 100, 2),
    MM: pad(d.getUTCMonth() + 1, 2),
    dd: pad(d.getUTCDate(), 2),
    HH: pad(d.getUTCHours(), 2),
    mm: pad(d.getUTCMinutes(), 2),
    ss: pad(d.getUTCSeconds(), 2),
    SSS: pad(d.getUTCMilliseconds(), 3),
  };
  return pattern.replace(/yyyy|yy|MM|dd|HH|mm|ss|SSS/g, (t) => parts[t]!);
}
