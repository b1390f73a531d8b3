import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastUserText, startFakeOpenAIServer, systemText, type ChatCompletionRequest, type FakeOpenAIServer, type FakeReply } from '../../tests/support/start-fake-openai-server.js';
import { checkAgainstBaseline, createBaseline } from '../gate.js';
import { parseQuestions } from '../parse-questions.js';
import { runEvals, type EvalRun } from '../run-evals.js';
import { addWrittenReply } from './add-written-reply.js';
import { hashChatRequest } from './hash-chat-request.js';
import { openRecordingDir } from './open-recording-dir.js';
import { describeRecordingOutcome, recordingModeFrom, recordingProblems } from './recording-cli-options.js';
import { runEvalsWithRecordings, type RecordingMode } from './run-evals-with-recordings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const allQuestions = parseQuestions(readFileSync(path.join(root, 'evals/questions.jsonl'), 'utf8'));
// Two plain questions and a follow-up. Each question is first resolved (a JSON, non-streamed request),
// then answered.
const followUp = 'fu-en-arm-stake';
const questions = [
  ...allQuestions.filter((question) => question.language === 'en' && question.type === 'same-language').slice(0, 2),
  ...allQuestions.filter((question) => question.id === followUp),
];
const seedsDir = path.join(root, 'seeds');

/** The fake model: the resolve prompt gets the turn back (a follow-up with its topic); the answer prompt gets a quote of passage 1. */
function fakeModel(request: ChatCompletionRequest): Extract<FakeReply, { kind: 'text' }> {
  const prompt = lastUserText(request);
  if (systemText(request).includes('"standalone"')) {
    const turn = /Latest turn: (.*)/u.exec(prompt)?.[1] ?? '';
    return { kind: 'text', content: JSON.stringify({ standalone: isFollowUpPrompt(prompt) ? `${turn} (SoftBank, Arm)` : turn, renderings: {} }) };
  }
  const first = /<passage n="1"[^>]*>\n([^\n]+)/u.exec(prompt)?.[1] ?? '';
  return { kind: 'text', content: `The source says “${first.slice(0, 40)}”[1].` };
}

/** A resolve prompt with a conversation before the latest turn. */
const isFollowUpPrompt = (prompt: string) => !prompt.startsWith('Conversation:\n(none)');

const answersOf = (run: EvalRun) =>
  run.runs['keyword+llm']!.summary.cases.map((score) => ({ id: score.result.id, answer: score.result.answer, citations: score.result.citations }));

let fake: FakeOpenAIServer;
let directory: string;
let recorded: EvalRun;
const run = (kind: RecordingMode['kind'], environment: Record<string, string> = {}) =>
  runEvalsWithRecordings({ kind, dir: directory }, { questions, seedsDir, environment }, runEvals);

beforeAll(async () => {
  fake = await startFakeOpenAIServer();
  fake.reply = fakeModel;
  directory = await mkdtemp(path.join(tmpdir(), 'recordings-'));
});
afterAll(async () => {
  await fake.close();
  await rm(directory, { recursive: true, force: true });
});

describe('runEvalsWithRecordings', () => {
  it('records every request the server sends through /api/ask, one file per request, with the settings it used', async () => {
    const { run: result, outcome } = await run('record', { OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'fake-model' });
    recorded = result;
    expect(result.ran).toEqual(['keyword+llm']);
    expect(result.runs['keyword+llm']!.fallbacks).toEqual({});
    // Per question: the resolve call, then the answer.
    expect(fake.requests).toHaveLength(questions.length * 2);
    expect(outcome).toMatchObject({ recorded: questions.length * 2, failures: [], needsRecording: [] });
    expect(outcome.settings).toEqual({ LLM_MODEL: 'fake-model', LLM_MAX_OUTPUT_TOKENS: '800', TOP_K: '8', SCORE_FLOOR: '0.3', VECTOR_SCORE_FLOOR: '0.8' });
    const files = (await readdir(directory)).filter((name) => name !== 'settings.json');
    expect(files).toHaveLength(questions.length * 2);
  });

  it('replays them with no key and no upstream, to the same answers and a passing gate', async () => {
    const sent = fake.requests.length;
    const { run: replayed, outcome } = await run('replay', { LLM_MODEL: 'another-model' });
    expect(fake.requests.length).toBe(sent);
    expect(outcome).toMatchObject({ replayed: questions.length * 2, needsRecording: [], unused: [], pruned: false });
    expect(outcome.notes).toEqual(['LLM_MODEL=another-model is ignored: the recording set was made with LLM_MODEL=fake-model']);
    expect(recordingProblems(outcome)).toEqual([]);
    expect(replayed.runs['keyword+llm']!.fallbacks).toEqual({});
    expect(answersOf(replayed)).toEqual(answersOf(recorded));
    const baseline = createBaseline(recorded.runs['keyword+llm']!.summary);
    expect(checkAgainstBaseline(replayed.runs['keyword+llm']!.summary, baseline).pass).toBe(true);
  });

  it('reports the recordings no request asked for, and --prune-unused deletes them', async () => {
    const recordings = openRecordingDir(directory);
    const [hash] = await recordings.listRecorded();
    const original = (await recordings.read(hash!))!;
    // A reply to a request the server no longer sends (as after a prompt change).
    const request = { ...original.request, max_tokens: 1 };
    const stale = hashChatRequest(request);
    await recordings.write({ ...original, hash: stale, request });

    const { outcome } = await run('replay');
    expect(outcome).toMatchObject({ needsRecording: [], unused: [stale], pruned: false });
    expect(describeRecordingOutcome(outcome)).toContain('1 recording(s) no request asked for');
    expect(await recordings.read(stale)).toBeDefined();

    const { outcome: pruned } = await runEvalsWithRecordings({ kind: 'replay', dir: directory, pruneUnused: true }, { questions, seedsDir, environment: {} }, runEvals);
    expect(pruned).toMatchObject({ unused: [stale], pruned: true });
    expect(await recordings.read(stale)).toBeUndefined();
    expect(await recordings.listRecorded()).toHaveLength(questions.length * 2);
  });

  it('reports a question whose request has no recording by id, needing re-recording, and leaves it out of the scores', async () => {
    const recordings = openRecordingDir(directory);
    const rewrite = fake.requests.find((request) => !request.stream && isFollowUpPrompt(lastUserText(request)))!;
    const rewriteHash = hashChatRequest(rewrite as unknown as Record<string, unknown>);
    await rm(path.join(directory, `${rewriteHash}.json`));
    expect(await recordings.read(rewriteHash)).toBeUndefined();

    const { run: replayed, outcome } = await run('replay');
    expect(outcome.needsRecording).toEqual([{ id: followUp, hashes: [rewriteHash, expect.stringMatching(/^[0-9a-f]{64}$/u)], problems: ['no recording'] }]);
    const summary = replayed.runs['keyword+llm']!.summary;
    expect(summary.cases.map((score) => score.result.id)).not.toContain(followUp);
    expect(summary.overall.count).toBe(questions.length - 1);
    expect(replayed.runs['keyword+llm']!.fallbacks).toEqual({});
    expect(recordingProblems(outcome)).toEqual([`1 question(s) need re-recording and were not scored: ${followUp}`]);
    expect(describeRecordingOutcome(outcome)).toContain(`${followUp}: ${rewriteHash}`);
    // Nothing is written to pending/ by a plain replay.
    expect(await recordings.listPending()).toEqual([]);
  });

  it('--record-pending writes the missing requests for another model, and its labelled reply closes the gap', async () => {
    const recordings = openRecordingDir(directory);
    const { outcome } = await run('record-pending');
    const pending = await recordings.listPending();
    expect(pending.map((request) => request.hash).sort()).toEqual([...outcome.pending].sort());
    // The rewrite comes first; the answer sent after its failure will change once it is recorded.
    const [first, after] = [pending.find((request) => !request.afterEarlierMiss)!, pending.find((request) => request.afterEarlierMiss)!];
    expect(first.questionIds).toEqual([followUp]);
    expect(first.request.max_tokens).toBe(300);
    expect(after.questionIds).toEqual([followUp]);

    // A (fake) model writes the reply from the recorded request alone.
    const text = fakeModel(first.request as unknown as ChatCompletionRequest).content;
    const written = await addWrittenReply(recordings, { hash: first.hash, text: `${text}\n`, answeredBy: 'fake-writer', label: 'written by another model from the recorded request; no API reachable' });
    expect(written).toMatchObject({ source: 'written-by-model', answeredBy: 'fake-writer', reply: { content: text, finishReason: 'stop', usage: null } });
    await expect(addWrittenReply(recordings, { hash: first.hash, text, answeredBy: 'x', label: 'y' })).rejects.toThrow(/no pending request/u);

    const { run: replayed, outcome: after2 } = await run('record-pending');
    expect(after2.needsRecording).toEqual([]);
    expect(await recordings.listPending()).toEqual([]);
    expect(answersOf(replayed)).toEqual(answersOf(recorded));
  });
});

describe('addWrittenReply refuses', () => {
  it.each([
    ['no model', { answeredBy: ' ', label: 'l', text: 't' }, /--model/u],
    ['no label', { answeredBy: 'm', label: '', text: 't' }, /--label/u],
    ['an unknown hash', { answeredBy: 'm', label: 'l', text: 't' }, /no pending request/u],
  ])('%s', async (_name, reply, message) => {
    await expect(addWrittenReply(openRecordingDir(directory), { hash: 'a'.repeat(64), ...reply })).rejects.toThrow(message);
  });
});

describe('recordingModeFrom', () => {
  it('takes --prune-unused with --replay only', () => {
    expect(recordingModeFrom({ replay: 'evals/recordings', 'prune-unused': true })).toEqual({ kind: 'replay', dir: 'evals/recordings', pruneUnused: true });
    expect(recordingModeFrom({ replay: 'evals/recordings' })).toEqual({ kind: 'replay', dir: 'evals/recordings' });
    expect(() => recordingModeFrom({ 'record-pending': 'evals/recordings', 'prune-unused': true })).toThrow(/--prune-unused goes with --replay/u);
    expect(() => recordingModeFrom({ 'prune-unused': true })).toThrow(/--prune-unused goes with --replay/u);
  });
});
