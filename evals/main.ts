// `npm run eval`: runs every question of evals/questions.jsonl through POST /api/ask on a freshly
// built index, in every answer mode this machine can run, writes the reports and gates the run
// against the baseline.
//
//   npm run eval [-- --check] [-- --update-baseline] [-- --distractors] [-- --out evals/out] [-- --base-url <url>]
//   npm run eval -- --record <dir> | --replay <dir> | --record-pending <dir>   (keyword+llm on recordings; see evals/llm-replay/)
//   npm run eval -- --suite drcd|cmrc|squad|all [--sample N] [--check] [--update-baseline]  (evals/suites/)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError } from '../src/core/app-error.js';
import { checkRun, createBaseline, type Baseline } from './gate.js';
import { defaultReportBaseUrl } from './default-report-base-url.js';
import { createJudge } from './judge.js';
import { describeRecordingOutcome, recordedBaselinePath, recordingCliOptions, recordingModeFrom, recordingProblems } from './llm-replay/recording-cli-options.js';
import { runEvalsWithRecordings } from './llm-replay/run-evals-with-recordings.js';
import { parseQuestions } from './parse-questions.js';
import { renderRunReport } from './render-run-report.js';
import { runEvals } from './run-evals.js';
import type { SuitesGateResult } from './suites/check-suites.js';
import { renderSuitesSection } from './suites/render-suites-report.js';
import type { SuitesRun } from './suites/run-suites.js';
import { runSuitesCommand } from './suites/run-suites-command.js';
import type { EvalMode } from './types.js';

/** The suites section of report.html, from the last `npm run eval -- --suite …` in the same out folder. */
async function readSuitesSection(out: string): Promise<string | undefined> {
  try {
    const saved = JSON.parse(await readFile(path.join(out, 'suites.json'), 'utf8')) as SuitesRun & { gate?: SuitesGateResult };
    return renderSuitesSection(saved, saved.gate);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readBaseline(baselinePath: string): Promise<Baseline | undefined> {
  try {
    return JSON.parse(await readFile(baselinePath, 'utf8')) as Baseline;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function createProgressPrinter(): (progress: { mode: EvalMode; done: number; total: number; id: string }) => void {
  const interactive = process.stderr.isTTY;
  return ({ mode, done, total, id }) => {
    const line = `[${mode}] ${done}/${total} ${id}`;
    if (interactive) process.stderr.write(`\r\x1b[2K${line}${done === total ? '\n' : ''}`);
    else if (done % 20 === 0 || done === total) process.stderr.write(`${line}\n`);
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      'update-baseline': { type: 'boolean', default: false },
      distractors: { type: 'boolean', default: false },
      out: { type: 'string', default: 'evals/out' },
      baseline: { type: 'string' },
      seeds: { type: 'string', default: 'seeds' },
      questions: { type: 'string', default: 'evals/questions.jsonl' },
      'base-url': { type: 'string' },
      suite: { type: 'string' },
      sample: { type: 'string' },
      ...recordingCliOptions,
    },
  });
  if (values.suite !== undefined) {
    return runSuitesCommand({ suite: values.suite, sample: values.sample, check: values.check, updateBaseline: values['update-baseline'], out: values.out });
  }
  const recordingMode = recordingModeFrom(values);
  const baselinePath = values.baseline ?? (recordingMode ? recordedBaselinePath : 'evals/baseline.json');
  const started = performance.now();
  const questions = parseQuestions(await readFile(values.questions, 'utf8'));
  const { judge, reason: judgeReason } = await createJudge(process.env);
  const onProgress = createProgressPrinter();
  const common = { questions, seedsDir: values.seeds, environment: process.env, judge, onProgress };

  const { run, outcome: recordingOutcome } = recordingMode ? await runEvalsWithRecordings(recordingMode, common, runEvals) : { run: await runEvals(common), outcome: null };
  const recordingFailures = recordingOutcome ? recordingProblems(recordingOutcome) : [];
  const distracted = values.distractors ? await runEvals({ ...common, distractors: true }) : undefined;

  const baseline = await readBaseline(baselinePath);
  const { gates, ungated } = checkRun(run, baseline);
  if (values['update-baseline'] && recordingFailures.length > 0) throw new Error(`--update-baseline refused: ${recordingFailures.join('; ')}`);
  if (values['update-baseline']) {
    let updated = baseline;
    for (const mode of run.ran) updated = createBaseline(run.runs[mode]!.summary, updated);
    await writeFile(baselinePath, `${JSON.stringify(updated, null, 2)}\n`);
  }

  const report = renderRunReport(run, {
    suitesSection: await readSuitesSection(values.out),
    baseUrl: values['base-url'] ?? defaultReportBaseUrl(process.env),
    gates,
    ungated,
    distracted,
    judgeReason,
    generatedAt: new Date().toISOString(),
    totalMs: Math.round(performance.now() - started),
  });
  await mkdir(values.out, { recursive: true });
  await writeFile(path.join(values.out, 'report.json'), `${JSON.stringify(recordingOutcome ? { ...report.json, recordings: recordingOutcome } : report.json, null, 2)}\n`);
  await writeFile(path.join(values.out, 'report.md'), report.markdown);
  for (const [fileName, html] of Object.entries(report.html)) await writeFile(path.join(values.out, fileName), html);
  process.stdout.write(report.text);
  if (recordingOutcome) process.stdout.write(describeRecordingOutcome(recordingOutcome));
  if (values['update-baseline']) console.log(`Baseline written to ${baselinePath} for ${run.ran.join(', ')}.`);
  console.log(`Reports: ${path.join(values.out, 'report.{json,md,html}')}`);

  if (!values.check) return 0;
  for (const problem of recordingFailures) console.error(`--check: ${problem}`);
  if (!baseline) {
    console.error(`--check: no baseline at ${baselinePath}; record one with npm run eval -- --update-baseline`);
    return 1;
  }
  const failed = Object.entries(gates).filter(([, gate]) => !gate.pass);
  if (Object.keys(gates).length === 0) {
    console.error(`--check: none of the modes that ran (${run.ran.join(', ')}) has a baseline`);
    return 1;
  }
  for (const [mode, gate] of failed) {
    console.error(`Gate FAILED for ${mode}: ${gate.regressions.length} metric regression(s); newly failing: ${gate.newlyFailing.join(', ') || 'none'}`);
  }
  return failed.length > 0 || recordingFailures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(isAppError(error) ? `${error.code}: ${error.message}` : error);
    process.exitCode = 2;
  },
);
