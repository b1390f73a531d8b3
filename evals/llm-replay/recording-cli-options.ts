import path from 'node:path';
import type { RecordingMode, RecordingOutcome } from './run-evals-with-recordings.js';

/** The eval CLI's flags for recordings (node:util parseArgs options). */
export const recordingCliOptions = {
  record: { type: 'string' },
  replay: { type: 'string' },
  'record-pending': { type: 'string' },
  'prune-unused': { type: 'boolean', default: false },
} as const;

/** The baseline `keyword+llm` is gated against when it runs on recordings. */
export const recordedBaselinePath = 'evals/baseline-llm.json';

/** The recording mode the flags ask for, or null. Throws when more than one is given, or with --distractors. */
export function recordingModeFrom(values: { record?: string; replay?: string; 'record-pending'?: string; 'prune-unused'?: boolean; distractors?: boolean }): RecordingMode | null {
  const given = (['record', 'replay', 'record-pending'] as const).filter((kind) => values[kind] !== undefined);
  if (given.length === 0) {
    if (values['prune-unused']) throw new Error('--prune-unused goes with --replay <dir>');
    return null;
  }
  if (given.length > 1) throw new Error(`use one of --record, --replay, --record-pending (got ${given.map((kind) => `--${kind}`).join(', ')})`);
  if (values.distractors) throw new Error('--distractors cannot be combined with recordings');
  const kind = given[0]!;
  if (values['prune-unused'] && kind !== 'replay') throw new Error('--prune-unused goes with --replay <dir>');
  return values['prune-unused'] ? { kind, dir: values[kind]!, pruneUnused: true } : { kind, dir: values[kind]! };
}

/** Why a recorded run cannot pass the gate or update the baseline: requests that need re-recording. */
export function recordingProblems(outcome: RecordingOutcome): string[] {
  if (outcome.needsRecording.length === 0) return [];
  return [`${outcome.needsRecording.length} question(s) need re-recording and were not scored: ${outcome.needsRecording.map((entry) => entry.id).join(', ')}`];
}

/** A few lines for the terminal: what was recorded or replayed, and what needs re-recording. */
export function describeRecordingOutcome(outcome: RecordingOutcome): string {
  const settings = Object.entries(outcome.settings).map(([name, value]) => `${name}=${value}`).join(' ');
  const lines = [`\nLLM recordings (${outcome.kind} ${outcome.dir}; ${settings})`];
  if (outcome.kind === 'record') {
    lines.push(`  ${outcome.recorded} repl${outcome.recorded === 1 ? 'y' : 'ies'} stored; ${outcome.failures.length} not stored`);
    for (const failure of outcome.failures) lines.push(`  not stored ${failure.hash}: ${failure.problem}`);
  } else {
    lines.push(`  ${outcome.replayed} request(s) answered from recordings`);
  }
  for (const note of outcome.notes) lines.push(`  note: ${note}`);
  if (outcome.unused.length > 0) {
    lines.push(outcome.pruned
      ? `  deleted ${outcome.unused.length} recording(s) no request asked for`
      : `  ${outcome.unused.length} recording(s) no request asked for (the server no longer sends them); --replay ${outcome.dir} --prune-unused deletes them`);
  }
  if (outcome.needsRecording.length > 0) {
    lines.push(`  needs re-recording: ${outcome.needsRecording.length} question(s), left out of the scores`);
    for (const entry of outcome.needsRecording) lines.push(`    ${entry.id}: ${entry.hashes.join(', ')} (${entry.problems.join('; ')})`);
  }
  if (outcome.kind === 'record-pending') {
    lines.push(`  ${outcome.pending.length} request(s) waiting in ${path.join(outcome.dir, 'pending')}/`);
    if (outcome.pending.length > 0) {
      lines.push('  write each reply to a text file, then: npm run eval:recording -- add <hash> <reply.txt> --model "<who wrote it>" --label "<how>"');
    }
  } else if (outcome.needsRecording.length > 0) {
    lines.push(`  record them: npm run eval -- --record ${outcome.dir} (with an API), or --record-pending ${outcome.dir} (without one)`);
  }
  return `${lines.join('\n')}\n`;
}
