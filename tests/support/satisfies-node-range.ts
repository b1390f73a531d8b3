// A small reading of npm's semver ranges, enough for `engines.node` fields: `||`, space-joined
// comparators (>=, >, <=, <, =), caret, tilde, x-ranges (`4.x`, `*`) and partial versions.

type Version = [number, number, number];

function parsePartial(text: string): { version: Version; given: number } {
  const parts = text.replace(/^v/, '').split('.').filter((part) => part !== '' && !/^[x*]$/i.test(part));
  const numbers = parts.map((part) => Number.parseInt(part, 10));
  if (numbers.some(Number.isNaN)) throw new Error(`Not a version: ${text}`);
  return { version: [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0], given: numbers.length };
}

function compareVersions(left: Version, right: Version): number {
  for (let index = 0; index < 3; index += 1) {
    if (left[index] !== right[index]) return left[index]! - right[index]!;
  }
  return 0;
}

/** The next version above every version matching the first `given` parts (`22` → `23.0.0`). */
function bumpPart(version: Version, index: number): Version {
  const bumped: Version = [0, 0, 0];
  for (let part = 0; part < index; part += 1) bumped[part] = version[part]!;
  bumped[index] = version[index]! + 1;
  return bumped;
}

function satisfiesComparator(version: Version, comparator: string): boolean {
  const match = /^(>=|<=|>|<|=|\^|~)?\s*(.*)$/.exec(comparator)!;
  const operator = match[1] ?? '';
  if (match[2] === '' || /^[x*]$/i.test(match[2]!)) return true;
  const { version: bound, given } = parsePartial(match[2]!);
  const compared = compareVersions(version, bound);
  switch (operator) {
    case '>=':
      return compared >= 0;
    case '>':
      return given < 3 ? compareVersions(version, bumpPart(bound, given - 1)) >= 0 : compared > 0;
    case '<=':
      return given < 3 ? compareVersions(version, bumpPart(bound, given - 1)) < 0 : compared <= 0;
    case '<':
      return compared < 0;
    case '^': {
      const firstNonZero = bound[0] !== 0 || given === 1 ? 0 : bound[1] !== 0 || given === 2 ? 1 : 2;
      return compared >= 0 && compareVersions(version, bumpPart(bound, firstNonZero)) < 0;
    }
    case '~':
      return compared >= 0 && compareVersions(version, bumpPart(bound, given >= 2 ? 1 : 0)) < 0;
    default:
      return compared >= 0 && compareVersions(version, bumpPart(bound, given - 1)) < 0;
  }
}

/** Whether `version` (e.g. `22.12.0`) satisfies the range (e.g. `^20.19.0 || >=22.12.0`). */
export function satisfiesNodeRange(version: string, range: string): boolean {
  const parsed = parsePartial(version).version;
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/);
    return comparators.every((comparator) => satisfiesComparator(parsed, comparator));
  });
}

/** The lowest version a `>=X.Y.Z` range allows. */
export function lowestOfRange(range: string): string {
  const match = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(range.trim());
  if (!match) throw new Error(`Expected a ">=" range, got ${range}`);
  return parsePartial(match[1]!).version.join('.');
}
