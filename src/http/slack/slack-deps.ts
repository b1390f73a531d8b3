import type { Citation } from '../../core/types.js';
import type { AnswerDeps } from '../../engine/answer-question.js';
import type { FeedbackStore, Logger, SlackApi } from '../../ports.js';
import type { TtlCache } from './create-ttl-cache.js';

/** Slack settings and adapters, given to createApp; without them /slack/* answers 404. */
export interface SlackDeps {
  signingSecret: string;
  api: SlackApi;
  /**
   * Keeps work alive after the ack: a Node set of pending promises, or on Workers
   * `executionCtx.waitUntil`, which is used when this is left out.
   */
  runInBackground?: (task: Promise<unknown>) => void;
  feedback?: FeedbackStore;
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
  feedback?: FeedbackStore;
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
