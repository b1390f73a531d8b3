import { describe, expect, it } from 'vitest';
import { parseSampleOption, parseSuiteOption } from './run-suites-command.js';

describe('suite options', () => {
  it.each([
    { value: 'all', expected: ['drcd', 'cmrc', 'squad'] },
    { value: 'cmrc', expected: ['cmrc'] },
    { value: 'drcd,squad', expected: ['drcd', 'squad'] },
  ])('--suite $value', ({ value, expected }) => {
    expect(parseSuiteOption(value)).toEqual(expected);
  });

  it('rejects an unknown set, naming the allowed ones', () => {
    expect(() => parseSuiteOption('squad1')).toThrow('--suite must be drcd, cmrc, squad or all (got "squad1")');
  });

  it.each([
    { value: undefined, fallback: 100, expected: 100 },
    { value: undefined, fallback: undefined, expected: undefined },
    { value: 'all', fallback: 100, expected: undefined },
    { value: '25', fallback: 100, expected: 25 },
  ])('--sample $value (default $fallback)', ({ value, fallback, expected }) => {
    expect(parseSampleOption(value, fallback)).toBe(expected);
  });

  it.each(['0', '-3', '1.5', 'ten'])('rejects --sample %s', (value) => {
    expect(() => parseSampleOption(value, undefined)).toThrow('--sample must be a positive integer or all');
  });
});
