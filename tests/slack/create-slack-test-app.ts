import { createHmac } from 'node:crypto';
import type { LanguageModel } from 'ai';
import { createFeedbackRecord } from '../../src/adapters/create-feedback-record.js';
import { createWebClientSlackApi } from '../../src/adapters/create-web-client-slack-api.js';
import { withRateLimitRetry } from '../../src/adapters/with-rate-limit-retry.js';
import { normalizeSearchText, searchTokens } from '../../src/core/normalize-search-text.js';
import type { Passage, StoredDocument } from '../../src/core/types.js';
import type { AnswerDeps } from '../../src/engine/answer-question.js';
import { defaultAnswerSettings } from '../../src/engine/answer-settings.js';
import { createApp } from '../../src/http/create-app.js';
import { createBackgroundTasks, type BackgroundTasks } from '../../src/http/slack/create-background-tasks.js';
import type { FeedbackRecord, Logger, PassageStore } from '../../src/ports.js';
import { fakeBot, startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';

export const signingSecret = 'test-signing-secret';
export const publicBaseUrl = 'https://assistant.test';

const documents: Array<{ docId: string; title: string; paragraphs: string[] }> = [
  {
    docId: 'japan-gpus',
    title: 'Japan plans a national AI cloud',
    paragraphs: ['Japan will buy 10,000 GPUs for its national AI cloud by 2025, the ministry said.', 'The ministry did not name a supplier.'],
  },
  {
    docId: 'korea-gpus',
    title: 'Korea expands supercomputing',
    paragraphs: ['South Korea will add 18,000 high-performance GPUs to its supercomputing centres next year.'],
  },
  { docId: 'bakery', title: 'A bakery grows', paragraphs: ['The bakery opened a second shop in Taipei.'] },
];

/** A PassageStore over a few passages: keyword search is a naive token overlap. */
export function createMemoryStore(): PassageStore & { searches: string[] } {
  const stored = new Map<string, StoredDocument>();
  const passages: Passage[] = [];
  for (const document of documents) {
    let offset = 0;
    const paragraphs = document.paragraphs.map((text, index) => {
      const paragraph = { n: index + 1, kind: 'body' as const, text, start: offset, end: offset + text.length };
      offset += text.length + 2;
      passages.push({
        id: `${document.docId}#p-${paragraph.n}`,
        docId: document.docId,
        paragraph: paragraph.n,
        chunk: 0,
        text,
        searchText: normalizeSearchText(text),
        kind: 'body',
        language: 'en',
        title: document.title,
        start: 0,
        end: text.length,
      });
      return paragraph;
    });
    stored.set(document.docId, {
      docId: document.docId,
      sourcePath: `${document.docId}.md`,
      contentHash: document.docId,
      metadata: { title: document.title, language: 'en' },
      text: document.paragraphs.join('\n\n'),
      paragraphs,
      dropped: [],
    });
  }
  const searches: string[] = [];
  return {
    searches,
    async keywordSearch(searchText, { limit }) {
      searches.push(searchText);
      const query = new Set(searchTokens(searchText));
      return passages
        .map((passage) => ({ passage, score: searchTokens(passage.searchText).filter((token) => query.has(token)).length }))
        .filter((hit) => hit.score > 0)
        .sort((left, right) => right.score - left.score)
        .slice(0, limit);
    },
    async vectorSearch() {
      return [];
    },
    async getDocument(docId) {
      return stored.get(docId);
    },
    async stats() {
      return { documents: stored.size, passages: passages.length, embedding: null };
    },
  };
}

export type LogEntry = { level: string; event: string; fields?: Record<string, unknown> };

export function createRecordingLogger(): { log: Logger; logs: LogEntry[] } {
  const logs: LogEntry[] = [];
  const record = (level: string) => (event: string, fields?: Record<string, unknown>) => void logs.push({ level, event, fields });
  return { log: { info: record('info'), warn: record('warn'), error: record('error') }, logs };
}

export interface SlackTestApp {
  app: ReturnType<typeof createApp>;
  fake: FakeSlackApi;
  store: ReturnType<typeof createMemoryStore>;
  background: BackgroundTasks;
  feedback: FeedbackRecord[];
  logs: LogEntry[];
  close(): Promise<void>;
}

/** The real app with Slack on, over an in-memory store, talking to a fake Slack API through WebClient. */
export async function createSlackTestApp(options: { model?: LanguageModel; updateIntervalMs?: number; slack?: boolean } = {}): Promise<SlackTestApp> {
  const fake = await startFakeSlackApi();
  const store = createMemoryStore();
  const { log, logs } = createRecordingLogger();
  const background = createBackgroundTasks(log);
  const feedback: FeedbackRecord[] = [];
  const answer: AnswerDeps = {
    store,
    embedder: null,
    model: options.model ?? null,
    prompts: {
      answer: { name: 'answer-system', version: 'test', text: 'Answer from the passages, quoting them with [n] markers.' },
      resolve: { name: 'resolve-question', version: 'test', text: 'Resolve the question.' },
    },
    settings: { ...defaultAnswerSettings, llmFirstTokenTimeoutMs: 20_000 },
    log,
  };
  const app = createApp({
    answer,
    store,
    publicBaseUrl,
    allowedOrigins: [],
    health: { retrieval: { mode: 'keyword', reason: 'test' }, llm: { mode: options.model ? 'llm' : 'extractive' } },
    log,
    slack:
      options.slack === false
        ? undefined
        : {
            signingSecret,
            api: withRateLimitRetry(createWebClientSlackApi({ token: 'xoxb-test', apiUrl: fake.apiUrl }), { log }),
            runInBackground: background.run,
            feedback: {
              append: async (input) => {
                const record = createFeedbackRecord(input);
                feedback.push(record);
                return record;
              },
            },
            updateIntervalMs: options.updateIntervalMs,
          },
  });
  return {
    app,
    fake,
    store,
    background,
    feedback,
    logs,
    async close() {
      await background.drain();
      await fake.close();
    },
  };
}

export function sign(body: string, timestamp: number, secret = signingSecret): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequestOptions {
  timestamp?: number;
  signature?: string | null;
  headers?: Record<string, string>;
}

/** A RequestInit for a signed Slack POST (signature null leaves the headers out). */
export function signedRequest(body: string, contentType: string, options: SignedRequestOptions = {}): RequestInit {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1_000);
  const headers: Record<string, string> = { 'content-type': contentType, ...options.headers };
  if (options.signature !== null) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = options.signature ?? sign(body, timestamp);
  }
  return { method: 'POST', headers, body };
}

export function postEvent(app: SlackTestApp['app'], envelope: unknown, options: SignedRequestOptions = {}): Promise<Response> {
  return Promise.resolve(app.request('/slack/events', signedRequest(JSON.stringify(envelope), 'application/json', options)));
}

export function postForm(app: SlackTestApp['app'], path: string, fields: Record<string, string>, options: SignedRequestOptions = {}): Promise<Response> {
  return Promise.resolve(app.request(path, signedRequest(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options)));
}

let eventCounter = 0;

/** An Events API envelope around a message event (an app_mention unless `event.type` says otherwise). */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${++eventCounter}${Date.now()}`): Record<string, unknown> {
  return {
    type: 'event_callback',
    token: 'legacy',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1_000),
    authorizations: [{ team_id: 'T0TEAM', user_id: fakeBot.userId, is_bot: true }],
    event: { type: 'app_mention', user: 'U0ALICE', channel: 'C0CHAN', event_ts: event.ts, ...event },
  };
}

export const mention = (text: string) => `<@${fakeBot.userId}> ${text}`;

/** All mrkdwn text in a message's blocks, joined by newlines. */
export function blocksText(blocks: any[] | undefined): string {
  const texts: string[] = [];
  for (const block of blocks ?? []) {
    if (block.text?.text) texts.push(block.text.text);
    for (const element of block.elements ?? []) if (element.text && typeof element.text === 'string') texts.push(element.text);
  }
  return texts.join('\n');
}

/** The value of the button with `actionId` in a message's blocks. */
export function buttonValue(blocks: any[] | undefined, actionId: string): string | undefined {
  for (const block of blocks ?? []) for (const element of block.elements ?? []) if (element.action_id === actionId) return element.value;
  return undefined;
}
