import { describe, expect, it } from 'vitest';
import { formatOpenLine } from './format-open-line.js';

describe('formatOpenLine', () => {
  it.each([
    ['127.0.0.1', 8787, 'Open http://127.0.0.1:8787/'],
    ['0.0.0.0', 3000, 'Open http://127.0.0.1:3000/'],
    ['::', 8787, 'Open http://127.0.0.1:8787/'],
    ['::1', 8787, 'Open http://[::1]:8787/'],
    ['192.168.1.20', 80, 'Open http://192.168.1.20:80/'],
  ])('%s:%d', (address, port, line) => {
    expect(formatOpenLine(address, port)).toBe(line);
  });
});
