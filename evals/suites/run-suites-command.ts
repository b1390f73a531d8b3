import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderHtmlPage } from '../render-report.js';
import { suiteNames, type SuiteName } from './build-suite-corpus.js';
import { checkSuites, createSuitesBaseline, type SuitesBaseline } from './check-suites.js';
import { renderSuitesSection, renderSuitesText } from './render-suites-report.js';
import { runSuites } from './run-suites.js';

/** Questions per set that CI asks; the suites baseline is recorded on this sample. */
export const ciSampleSize = 100;

export interface SuitesCommandOptions {
  /** `drcd`, `cmrc`, `squad` or `all`. */
  suite: string;
  /** A positive integer or `all`; default: the CI sample with `check`/`updateBaseline`, else all. */
  sample?: string;
  check: boolean;
  updateBaseline: boolean;
  out: string;
  baselinePath?: string;
  datasetsDir?: string;
  environment?: Record<string, string | undefined>;
}

/** Parses `--suite`. Throws naming the allowed values. */
export function parseSuiteOption(value: string): SuiteName[] {
  if (value === 'all') return [...suiteNames];
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(suiteNames as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) throw new Error(`--suite must be ${suiteNames.join(', ')} or all (got "${value}")`);
  return names as SuiteName[];
}

/** Parses `--sample`. Throws on anything but a positive integer or `all`. */
export function parseSampleOption(value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  if (value === 'all') return undefined;
  if (!/^\d+$/u.test(value) || Number(value) < 1) throw new Error(`--sample must be a positive integer or all (got "${value}")`);
  return Number(value);
}

async function readSuitesBaseline(baselinePath: string): Promise<SuitesBaseline | undefined> {
  try {
    return JSON.parse(await readFile(baselinePath, 'utf8')) as SuitesBaseline;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * `npm run eval -- --suite drcd|cmrc|squad|all [--sample N|all] [--check] [--update-baseline]`:
 * runs the real-world QA suites, prints the table, writes `suites.{json,md,html}` into `out`, and
 * with `--check` gates the run against `evals/suites-baseline.json`. Returns the exit code.
 */
export async function runSuitesCommand(options: SuitesCommandOptions): Promise<number> {
  const suites = parseSuiteOption(options.suite);
  const sample = parseSampleOption(options.sample, options.check || options.updateBaseline ? ciSampleSize : undefined);
  const baselinePath = options.baselinePath ?? 'evals/suites-baseline.json';
  const interactive = process.stderr.isTTY;
  const run = await runSuites({
    suites,
    datasetsDir: options.datasetsDir ?? 'evals/datasets',
    sample,
    environment: options.environment ?? process.env,
    onProgress: ({ suite, done, total }) => {
      if (interactive) process.stderr.write(`\r\x1b[2K[${suite}] ${done}/${total}${done === total ? '\n' : ''}`);
      else if (done % 100 === 0 || done === total) process.stderr.write(`[${suite}] ${done}/${total}\n`);
    },
  });
  const baseline = await readSuitesBaseline(baselinePath);
  const gate = options.check && baseline ? checkSuites(run, baseline) : undefined;
  if (options.updateBaseline) await writeFile(baselinePath, `${JSON.stringify(createSuitesBaseline(run, baseline), null, 2)}\n`);

  const { text, markdown } = renderSuitesText(run, gate);
  await mkdir(options.out, { recursive: true });
  await writeFile(path.join(options.out, 'suites.json'), `${JSON.stringify({ ...run, gate }, null, 2)}\n`);
  await writeFile(path.join(options.out, 'suites.md'), markdown);
  await writeFile(path.join(options.out, 'suites.html'), renderHtmlPage('Real-world QA suites', renderSuitesSection(run, gate)));
  process.stdout.write(text);
  if (options.updateBaseline) console.log(`Suites baseline written to ${baselinePath}.`);
  console.log(`Reports: ${path.join(options.out, 'suites.{json,md,html}')}`);
  if (!options.check) return 0;
  if (!baseline) {
    console.error(`--check: no suites baseline at ${baselinePath}; record one with npm run eval -- --suite all --update-baseline`);
    return 1;
  }
  if (!gate!.pass) console.error(`Suites gate FAILED: ${gate!.problems.length} problem(s), ${gate!.regressions.length} regression(s)`);
  return gate!.pass ? 0 : 1;
}
