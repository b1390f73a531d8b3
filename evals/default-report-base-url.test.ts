import { describe, expect, it } from 'vitest';
import { defaultReportBaseUrl } from './default-report-base-url.js';

describe('defaultReportBaseUrl', () => {
  it.each([
    [{}, 'http://127.0.0.1:8787'],
    [{ PORT: '3000' }, 'http://127.0.0.1:3000'],
    [{ HOST: '::1', PORT: '3000' }, 'http://[::1]:3000'],
    [{ PORT: '3000', PUBLIC_BASE_URL: 'https://answers.example.com/' }, 'https://answers.example.com'],
  ])('%o → %s', (environment, expected) => {
    expect(defaultReportBaseUrl(environment)).toBe(expected);
  });
});
