import { Hono } from 'hono';
import type { GetConnInfo } from 'hono/conninfo';
import { z } from 'zod';
import { AppError } from '../core/app-error.js';
import {
  maxFeedbackAnswerLength,
  maxFeedbackCitationQuoteLength,
  maxFeedbackCitations,
  maxFeedbackCitationTitleLength,
  maxFeedbackCitationUrlLength,
  maxFeedbackCommentLength,
  maxQuestionLength,
} from '../core/limits.js';
import type { FeedbackStore } from '../ports.js';
import { readJsonBody } from './read-json-body.js';

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

const feedbackCitationSchema = z.object({
  n: z.number().int().min(1).max(1_000),
  docId: text(200),
  paragraph: z.number().int().min(0).max(1_000_000),
  title: text(maxFeedbackCitationTitleLength).optional(),
  url: text(maxFeedbackCitationUrlLength).optional(),
  quote: text(maxFeedbackCitationQuoteLength).optional(),
  start: z.number().int().min(0).optional(),
  end: z.number().int().min(0).optional(),
});

export const feedbackBodySchema = z.object({
  messageId: z.string().min(1).max(200),
  rating: z.enum(['up', 'down']),
  comment: text(maxFeedbackCommentLength).optional(),
  question: z.string().trim().min(1, 'must not be empty').max(maxQuestionLength, `must be at most ${maxQuestionLength} characters`),
  answer: text(maxFeedbackAnswerLength),
  citations: z.array(feedbackCitationSchema).max(maxFeedbackCitations, `may hold at most ${maxFeedbackCitations} citations`),
});

export interface FeedbackRoutesOptions {
  store: FeedbackStore;
  rateLimitPerMinute: number;
  /**
   * The runtime's connection info (Hono's `getConnInfo` for Node or Workers), whose remote
   * address keys the rate limit. Without it every caller shares one limit.
   */
  getConnInfo?: GetConnInfo;
  now?: () => number;
}

/** Counts requests per key in fixed one-minute windows, forgetting windows that have passed. */
function createRateLimiter(limit: number, now: () => number) {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return (key: string): boolean => {
    const time = now();
    if (windows.size > 10_000) {
      for (const [staleKey, window] of windows) if (time - window.startedAt >= 60_000) windows.delete(staleKey);
    }
    const window = windows.get(key);
    if (!window || time - window.startedAt >= 60_000) {
      windows.set(key, { startedAt: time, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= limit;
  };
}

/**
 * POST /api/feedback: a thumbs up or down on one answer, validated, rate limited per client
 * address and appended to the feedback store. Mounted under the app's /api origin gate.
 */
export function createFeedbackRoutes(options: FeedbackRoutesOptions): Hono {
  const app = new Hono();
  const allow = createRateLimiter(options.rateLimitPerMinute, options.now ?? Date.now);

  app.post('/api/feedback', async (context) => {
    if (!allow(options.getConnInfo?.(context).remote.address ?? 'unknown')) {
      context.header('Retry-After', '60');
      throw new AppError('rate_limited:feedback', 'Too much feedback from this address; please try again in a minute.');
    }
    const body = await readJsonBody(context, feedbackBodySchema, 'feedback');
    const record = await options.store.append({ ...body, channel: 'widget' });
    return context.json({ id: record.id }, 201);
  });

  return app;
}
