import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastUserText, startFakeOpenAIServer, systemText, type ChatCompletionRequest, type FakeOpenAIServer } from '../../tests/support/start-fake-openai-server.js';
import { openRecordingDir } from './open-recording-dir.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The eval CLI and the recording CLI, as `npm run eval` and `npm run eval:recording` start them.
const evalEntry = 'evals/main.ts';
const recordingEntry = 'evals/llm-replay/recording-cli.ts';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI with no OPENAI_* in its environment unless given: the machine has no key. */
function runCli(entry: string, args: string[], environment: Record<string, string> = {}): Promise<Outcome> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OPENAI_') && name !== 'LLM_MODEL' && name !== 'EVAL_JUDGE_MODEL'));
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, env: { ...clean, ...environment }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function fakeModel(request: ChatCompletionRequest) {
  const prompt = lastUserText(request);
  if (systemText(request).includes('"standalone"')) return { kind: 'text' as const, content: JSON.stringify({ standalone: /Latest turn: (.*)/u.exec(prompt)?.[1] ?? '', renderings: {} }) };
  const first = /<passage n="1"[^>]*>\n([^\n]+)/u.exec(prompt)?.[1] ?? '';
  return { kind: 'text' as const, content: `The source says “${first.slice(0, 40)}”[1].` };
}

let fake: FakeOpenAIServer;
let work: string;
let recordings: string;
let common: string[];

beforeAll(async () => {
  fake = await startFakeOpenAIServer();
  fake.reply = fakeModel;
  work = await mkdtemp(path.join(tmpdir(), 'eval-cli-'));
  recordings = path.join(work, 'recordings');
  const lines = readFileSync(path.join(root, 'evals/questions.jsonl'), 'utf8').split('\n').filter(Boolean);
  const picked = [...lines.filter((line) => line.includes('"type":"same-language"')).slice(0, 2), lines.find((line) => line.includes('"id":"fu-en-arm-stake"'))!];
  await writeFile(path.join(work, 'questions.jsonl'), `${picked.join('\n')}\n`);
  common = ['--questions', path.join(work, 'questions.jsonl'), '--out', path.join(work, 'out'), '--baseline', path.join(work, 'baseline-llm.json')];
});
afterAll(async () => {
  await fake.close();
  await rm(work, { recursive: true, force: true });
});

describe('npm run eval with recordings (CLI, child process)', () => {
  it('--record stores one file per request through the configured endpoint', async () => {
    const outcome = await runCli(evalEntry, ['--record', recordings, ...common], { OPENAI_BASE_URL: fake.baseURL, OPENAI_API_KEY: 'sk-test', LLM_MODEL: 'fake-model' });
    expect(outcome.code, outcome.stderr).toBe(0);
    // Per question: the resolve call, then the answer.
    expect(outcome.stdout).toContain('6 replies stored; 0 not stored');
    expect((await readdir(recordings)).filter((name) => name.endsWith('.json') && name !== 'settings.json')).toHaveLength(fake.requests.length);
  });

  it('--replay --update-baseline then --replay --check pass with no key', async () => {
    const sent = fake.requests.length;
    const update = await runCli(evalEntry, ['--replay', recordings, '--update-baseline', ...common]);
    expect(update.code, update.stderr).toBe(0);
    expect(Object.keys(JSON.parse(await readFile(path.join(work, 'baseline-llm.json'), 'utf8')).modes)).toEqual(['keyword+llm']);
    const check = await runCli(evalEntry, ['--replay', recordings, '--check', ...common]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('6 request(s) answered from recordings');
    expect(fake.requests.length).toBe(sent);
    const report = JSON.parse(await readFile(path.join(work, 'out/report.json'), 'utf8')) as { recordings: { kind: string; needsRecording: unknown[] } };
    expect(report.recordings).toMatchObject({ kind: 'replay', needsRecording: [] });
  });

  it('--check fails and names the question when a request needs re-recording; --record-pending and eval:recording add repair it', async () => {
    // The follow-up's resolve call: not streamed, with a conversation before the latest turn.
    const rewrite = (await readdir(recordings)).find((name) => {
      const text = name.endsWith('.json') ? readFileSync(path.join(recordings, name), 'utf8') : '';
      return text.includes('"max_tokens": 300') && text.includes('User: How much did SoftBank invest in OpenAI?');
    })!;
    await rm(path.join(recordings, rewrite));
    const check = await runCli(evalEntry, ['--replay', recordings, '--check', ...common]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('--check: 1 question(s) need re-recording and were not scored: fu-en-arm-stake');
    expect(check.stdout).toContain(`fu-en-arm-stake: ${rewrite.slice(0, -'.json'.length)}`);

    const pending = await runCli(evalEntry, ['--record-pending', recordings, ...common]);
    expect(pending.code, pending.stderr).toBe(0);
    const [waiting] = (await openRecordingDir(recordings).listPending()).filter((request) => !request.afterEarlierMiss);
    expect(`${waiting!.hash}.json`).toBe(rewrite);
    const replyFile = path.join(work, 'reply.txt');
    await writeFile(replyFile, `${fakeModel(waiting!.request as unknown as ChatCompletionRequest).content}\n`);
    const add = await runCli(recordingEntry, ['add', waiting!.hash, replyFile, '--dir', recordings, '--model', 'fake-writer', '--label', 'written by another model from the recorded request; no API reachable']);
    expect(add.code, add.stderr).toBe(0);

    const again = await runCli(evalEntry, ['--replay', recordings, '--check', ...common]);
    expect(again.code, again.stderr).toBe(0);
  });
});
