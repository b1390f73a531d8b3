import type { Citation } from '../../core/types.js';
import type { AnswerDeps, Logger } from '../../engine/answer-question.js';
import type { TtlCache } from './create-ttl-cache.js';
import type { SlackApi } from './slack-api.js';

/**
 * What a 👍/👎 on a Slack answer stores. The same shape as the widget's feedback
 * (FeedbackInput in src/adapters/feedback-store.ts), with `channel: 'slack'` naming the source.
 */
export interface SlackFeedbackRecord {
  /** The Slack message ts of the answer. */
  messageId: string;
  rating: 'up' | 'down';
  question: string;
  answer: string;
  citations: Array<{ n: number; docId: string; paragraph: number; url: string; title?: string; quote?: string }>;
  channel: 'slack';
}

/** The one method of the feedback store that Slack needs; the JSONL FeedbackStore fits it. */
export interface SlackFeedbackStore {
  append(record: SlackFeedbackRecord): Promise<unknown>;
}

/** Slack settings and adapters, given to createApp; without them /slack/* answers 404. */
export interface SlackDeps {
  signingSecret: string;
  api: SlackApi;
  /**
   * Keeps work alive after the ack: a Node set of pending promises, or on Workers
   * `executionCtx.waitUntil`, which is used when this is left out.
   */
  runInBackground?: (task: Promise<unknown>) => void;
  feedback?: SlackFeedbackStore;
  /** Minimum milliseconds between chat.update calls while an answer streams (Slack allows ~50/min). */
  updateIntervalMs?: number;
  /** The clock for signature timestamps, in epoch milliseconds. */
  now?: () => number;
}

/** An answer delivered to Slack, kept a while so buttons can share it or rate it. */
export interface DeliveredAnswer {
  question: string;
  answer: string;
  refused: boolean;
  citations: Citation[];
}

/** What the background handlers get: adapters plus the request they belong to. */
export interface SlackHandlerContext {
  api: SlackApi;
  answer: AnswerDeps;
  publicBaseUrl: string;
  log: Logger;
  feedback?: SlackFeedbackStore;
  answers: TtlCache<DeliveredAnswer>;
  updateIntervalMs: number;
  requestId: string;
}

export const slackTexts = {
  placeholder: 'Searching the sources…',
  help: 'Ask me a question about the sources, for example: _How many GPUs does Japan plan to buy?_',
  apology: "Sorry, I couldn't answer that just now. Please try again in a moment.",
  feedbackThanks: 'Thanks for the feedback.',
  feedbackUnavailable: "Thanks, but feedback isn't being recorded on this server.",
  commandUsage: 'Usage: `/ask <question>`, for example `/ask How many GPUs does Japan plan to buy?`',
  shared: 'Shared in the channel.',
} as const;

export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const slack = error as Error & { method?: string; slackError?: string; retryAfterSeconds?: number };
  return { error: error.message, slackMethod: slack.method, slackError: slack.slackError, retryAfterSeconds: slack.retryAfterSeconds };
}
