import { parseConfig } from '../../src/config.js';
import { summarizeJudgements, type JudgeSummary, type JudgeVerdict } from '../judge.js';
import { summarizeResults } from '../metrics.js';
import type { EvalMode, Summary } from '../types.js';
import { openRecordingDir, requestSettingNames, type PendingRequest, type RequestSettings } from './open-recording-dir.js';
import { startRecordProxy } from './start-record-proxy.js';
import { startReplayServer, type ReplayMiss } from './start-replay-server.js';

/**
 * `record`: every LLM request goes through a recording proxy to the configured endpoint.
 * `replay`: every LLM request is answered from the recordings; none leaves the machine.
 * `record-pending`: as `replay`, and each request with no recording is written to `pending/`.
 */
export type RecordingKind = 'record' | 'replay' | 'record-pending';

export interface RecordingMode {
  kind: RecordingKind;
  dir: string;
  /** With `replay`: delete the recordings no request asked for, when every request had one. */
  pruneUnused?: boolean;
}

/** What this module needs of the eval runner's options (runEvals' RunEvalsOptions has it all). */
export interface RecordableOptions {
  environment?: Record<string, string | undefined>;
  modes?: readonly EvalMode[];
  llmConcurrency?: number;
  onProgress?: (progress: { mode: EvalMode; done: number; total: number; id: string }) => void;
}

/** What this module needs of an eval run (runEvals' EvalRun has it all). */
export interface RecordableRun {
  runs: Partial<Record<EvalMode, {
    summary: Summary;
    judgements: Record<string, JudgeVerdict> | null;
    judgeSummary: JudgeSummary | null;
    fallbacks: Record<string, string>;
  }>>;
}

export interface RecordingOutcome {
  kind: RecordingKind;
  dir: string;
  /** The request-shaping settings the run used (those of the recording set when it has them). */
  settings: RequestSettings;
  notes: string[];
  /** Questions that sent a request with no usable recording. They are left out of the scores. */
  needsRecording: { id: string; hashes: string[]; problems: string[] }[];
  /** Requests answered from a recording (replay, record-pending). */
  replayed: number;
  /** Replies stored (record). */
  recorded: number;
  /** Requests whose reply could not be stored (record). */
  failures: { hash: string; problem: string }[];
  /** Hashes written to `pending/` (record-pending). */
  pending: string[];
  /**
   * Recordings no request of the run asked for (replay, record-pending): replies to requests the
   * server no longer sends, since a prompt, the retrieval or a question changed.
   */
  unused: string[];
  /** Whether the unused recordings were deleted (`pruneUnused`). */
  pruned: boolean;
}

/** The one mode recordings are made for: retrieval by keyword is the same on every machine, so the requests are too. */
export const recordedMode: EvalMode = 'keyword+llm';

const defaultUpstream = 'https://api.openai.com/v1';

function settingsFrom(environment: Record<string, string | undefined>): RequestSettings {
  const config = parseConfig({ ...environment, EMBEDDINGS: 'none' });
  return Object.fromEntries(requestSettingNames.map((name) => [name, String(config[name])])) as RequestSettings;
}

/** Leaves the cases that needed a recording out of a mode's scores, so that nothing unrecorded is scored. */
function withoutCases<Run extends RecordableRun>(run: Run, ids: Set<string>): Run {
  const modeRun = run.runs[recordedMode];
  if (!modeRun || ids.size === 0) return run;
  const summary = summarizeResults(
    modeRun.summary.cases.filter((score) => !ids.has(score.result.id)).map((score) => score.result),
    recordedMode,
  );
  const judgements = modeRun.judgements && Object.fromEntries(Object.entries(modeRun.judgements).filter(([id]) => !ids.has(id)));
  return {
    ...run,
    runs: {
      ...run.runs,
      [recordedMode]: {
        ...modeRun,
        summary,
        judgements,
        judgeSummary: judgements ? summarizeJudgements(summary.cases, new Map(Object.entries(judgements))) : null,
        fallbacks: Object.fromEntries(Object.entries(modeRun.fallbacks).filter(([id]) => !ids.has(id))),
      },
    },
  };
}

function pendingFrom(missesById: Map<string, ReplayMiss[]>, foundAt: string): PendingRequest[] {
  const byHash = new Map<string, PendingRequest>();
  for (const [id, misses] of missesById) {
    misses.forEach((miss, index) => {
      const entry = byHash.get(miss.hash) ?? { version: 1, hash: miss.hash, questionIds: [], afterEarlierMiss: true, foundAt, request: miss.request };
      entry.questionIds.push(id);
      entry.afterEarlierMiss &&= index > 0;
      byHash.set(miss.hash, entry);
    });
  }
  return [...byHash.values()].sort((left, right) => left.hash.localeCompare(right.hash));
}

/**
 * Runs the `keyword+llm` eval (with `runEvals`, passed in by the CLI) through the real `/api/ask` with every LLM request recorded to,
 * or replayed from, the folder `mode.dir` (see README, "Record and replay LLM answers"). The
 * index is keyword-only (EMBEDDINGS=none). Replays run one question at a time so that each request
 * without a recording is tied to the question that sent it; such questions are reported in
 * `needsRecording` and left out of the scores, never scored on an extractive fallback.
 *
 * Throws when `record` has no endpoint to record from (OPENAI_API_KEY or OPENAI_BASE_URL).
 */
export async function runEvalsWithRecordings<Options extends RecordableOptions, Run extends RecordableRun>(
  mode: RecordingMode,
  options: Options,
  runEvals: (options: Options) => Promise<Run>,
): Promise<{ run: Run; outcome: RecordingOutcome }> {
  const environment = options.environment ?? {};
  const recordings = openRecordingDir(mode.dir);
  const outcome: RecordingOutcome = { kind: mode.kind, dir: mode.dir, settings: {}, notes: [], needsRecording: [], replayed: 0, recorded: 0, failures: [], pending: [], unused: [], pruned: false };

  if (mode.kind === 'record') {
    if (!environment.OPENAI_API_KEY && !environment.OPENAI_BASE_URL) throw new Error('--record needs OPENAI_API_KEY or OPENAI_BASE_URL: the endpoint to record from');
    outcome.settings = settingsFrom(environment);
    const previous = await recordings.readSettings();
    if (previous && JSON.stringify(previous) !== JSON.stringify(outcome.settings)) {
      outcome.notes.push(`settings.json changed from ${JSON.stringify(previous)}: recordings made with the old settings will no longer be requested`);
    }
    await recordings.writeSettings(outcome.settings);
    const proxy = await startRecordProxy({ recordings, upstreamBaseURL: environment.OPENAI_BASE_URL ?? defaultUpstream });
    try {
      const run = await runEvals({ ...options, modes: [recordedMode], environment: { ...environment, ...outcome.settings, EMBEDDINGS: 'none', OPENAI_BASE_URL: proxy.baseURL } });
      outcome.recorded = proxy.recorded.length;
      outcome.failures = proxy.failures;
      return { run, outcome };
    } finally {
      await proxy.close();
    }
  }

  const stored = await recordings.readSettings();
  const ownSettings = settingsFrom(environment);
  outcome.settings = stored ?? ownSettings;
  for (const name of requestSettingNames) {
    if (stored && environment[name] && stored[name] !== ownSettings[name]) {
      outcome.notes.push(`${name}=${environment[name]} is ignored: the recording set was made with ${name}=${stored[name]}`);
    }
  }
  if (!stored && mode.kind === 'record-pending') await recordings.writeSettings(outcome.settings);

  const replay = await startReplayServer({ recordings });
  const missesById = new Map<string, ReplayMiss[]>();
  let seen = 0;
  try {
    const run = await runEvals({
      ...options,
      modes: [recordedMode],
      // Attributing a miss to its question needs one question in flight at a time; replies are local, so it costs little.
      llmConcurrency: 1,
      environment: { ...environment, ...outcome.settings, EMBEDDINGS: 'none', OPENAI_BASE_URL: replay.baseURL, OPENAI_API_KEY: 'replay-needs-no-key' },
      onProgress: (progress) => {
        const misses = replay.misses.slice(seen);
        seen = replay.misses.length;
        if (misses.length > 0) missesById.set(progress.id, misses);
        options.onProgress?.(progress);
      },
    });
    outcome.replayed = replay.served.length;
    outcome.needsRecording = [...missesById].map(([id, misses]) => ({
      id,
      hashes: [...new Set(misses.map((miss) => miss.hash))],
      problems: [...new Set(misses.map((miss) => miss.problem))],
    }));
    const served = new Set(replay.served);
    outcome.unused = (await recordings.listRecorded()).filter((hash) => !served.has(hash));
    if (mode.pruneUnused && mode.kind === 'replay' && outcome.needsRecording.length === 0) {
      for (const hash of outcome.unused) await recordings.remove(hash);
      outcome.pruned = true;
    }
    if (mode.kind === 'record-pending') {
      const pending = pendingFrom(missesById, new Date().toISOString());
      await recordings.replacePending(pending);
      outcome.pending = pending.map((request) => request.hash);
    }
    return { run: withoutCases(run, new Set(missesById.keys())), outcome };
  } finally {
    await replay.close();
  }
}
