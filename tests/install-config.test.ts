import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lowestOfRange, satisfiesNodeRange } from './support/satisfies-node-range.js';

const run = promisify(execFile);
// As a new user runs npm: without the npm_config_* variables that `npm test` passes down.
const npmEnvironment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

interface LockEntry {
  engines?: { node?: string };
  os?: string[];
  cpu?: string[];
}

describe('satisfiesNodeRange', () => {
  it.each([
    ['22.12.0', '>=22', true],
    ['20.20.2', '>=22', false],
    ['22.12.0', '^20.19.0 || >=22.12.0', true],
    ['22.0.0', '^20.19.0 || >=22.12.0', false],
    ['22.12.0', '^20.19.0 || ^22.13.0 || >=23.5.0', false],
    ['22.12.0', '^20.0.0 || ^22.0.0 || >=24.0.0', true],
    ['22.12.0', '^20.9.0', false],
    ['22.12.0', '>= 18', true],
    ['22.12.0', '>=16 || 14 >=14.17', true],
    ['22.12.0', '4.x || >=6.0.0', true],
    ['4.9.0', '4.x || >=6.0.0', true],
    ['5.0.0', '4.x || >=6.0.0', false],
    ['22.12.0', '*', true],
    ['13.8.0', '^10 || ^12 || ^13.7 || ^14 || >=15.0.1', true],
    ['15.0.0', '^10 || ^12 || ^13.7 || ^14 || >=15.0.1', false],
  ])('%s in %s is %s', (version, range, expected) => {
    expect(satisfiesNodeRange(version, range)).toBe(expected);
  });
});

describe('install on a new clone', () => {
  it("every installed package accepts the lowest Node our engines field allows (npm's EBADENGINE)", () => {
    const ours = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    const lowest = lowestOfRange(ours.engines.node);
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
    const refused = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.engines?.node && existsSync(path))
      .filter(([, entry]) => !satisfiesNodeRange(lowest, entry.engines!.node!))
      .map(([path, entry]) => `${path} (${entry.engines!.node})`);
    expect(refused).toEqual([]);
  });

  it('npm reads the project config without a warning (no unknown keys in .npmrc)', async () => {
    const { stderr } = await run('npm', ['config', 'get', 'ignore-scripts'], { env: npmEnvironment });
    expect(stderr).not.toMatch(/npm warn/i);
  });

  it('dependency install scripts stay off, so onnxruntime-node never downloads CUDA files', async () => {
    const { stdout } = await run('npm', ['config', 'get', 'ignore-scripts'], { env: npmEnvironment });
    expect(stdout.trim()).toBe('true');
  });
});
