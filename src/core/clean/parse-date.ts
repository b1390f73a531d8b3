const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const numericDate =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*T?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?/u;
// `Tue Dec  5 17:10:17 2023`, as PTT and ctime(3) print it.
const ctimeDate = /\b[A-Z][a-z]{2}\s+([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})\b/u;
const wordDate = /\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/u;
const dayFirstDate = /\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})\b/u;

/**
 * Parses the first date in a text into ISO 8601 (`2023-12-05`, or `2023-12-05T06:41` when a
 * time is given; no time zone is invented). Understands `2023/12/05 06:41`, `2024-11-14
 * 18:17:38`, `2023年12月5日`, `Tue Dec  5 17:10:17 2023`, `November 14, 2024` and
 * `14 November 2024`. Returns undefined when no valid date is found; never throws.
 */
export function parseDate(text: string): string | undefined {
  const numeric = numericDate.exec(text);
  if (numeric) {
    const [, year, month, day, hour, minute, second] = numeric;
    return formatDate(Number(year), Number(month), Number(day), hour, minute, second);
  }
  const ctime = ctimeDate.exec(text);
  if (ctime) {
    const [, month, day, hour, minute, second, year] = ctime;
    return formatDate(Number(year), readMonth(month), Number(day), hour, minute, second);
  }
  const words = wordDate.exec(text);
  if (words) return formatDate(Number(words[3]), readMonth(words[1]), Number(words[2]));
  const dayFirst = dayFirstDate.exec(text);
  if (dayFirst) return formatDate(Number(dayFirst[3]), readMonth(dayFirst[2]), Number(dayFirst[1]));
  return undefined;
}

const isoTimestamp = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u;

/**
 * Whether a value is an ISO 8601 date or date-time that names a real day, as `parseDate`
 * writes them or as HTML `article:published_time` carries them (`2025-02-01T08:00:00Z`).
 * Nothing else (no quotes, no tags) passes. Never throws.
 */
export function isIsoDate(value: string): boolean {
  const match = isoTimestamp.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return formatDate(year, month, day) !== undefined && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function readMonth(name: string | undefined): number {
  return months.indexOf((name ?? '').slice(0, 3).toLowerCase()) + 1;
}

function formatDate(
  year: number,
  month: number,
  day: number,
  hour?: string,
  minute?: string,
  second?: string,
): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (hour === undefined || minute === undefined || Number(hour) > 23) return date;
  return `${date}T${pad(Number(hour))}:${minute}${second === undefined ? '' : `:${second}`}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
