import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { AnswerDeps } from '../../engine/answer-question.js';
import type { Logger } from '../../ports.js';
import { answerCommand } from './answer-command.js';
import { answerInThread, type ThreadQuestion } from './answer-in-thread.js';
import { createTtlCache } from './create-ttl-cache.js';
import { handleBlockAction } from './handle-block-action.js';
import { readSlackText } from './read-slack-text.js';
import { slackTexts, type DeliveredAnswer, type SlackDeps, type SlackHandlerContext } from './slack-deps.js';
import { verifySlackSignature } from './verify-slack-signature.js';

type Env = { Variables: { requestId: string } };

const maxSlackBodyBytes = 1024 * 1024;
const maxQuestionLength = 2_000;

const eventEnvelopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string().max(1_000) }),
  z.object({
    type: z.literal('event_callback'),
    event_id: z.string().min(1),
    event: z.looseObject({ type: z.string() }),
    authorizations: z.array(z.looseObject({ user_id: z.string().optional() })).optional(),
  }),
  z.looseObject({ type: z.literal('app_rate_limited') }),
]);

const messageEventSchema = z.object({
  type: z.enum(['app_mention', 'message']),
  channel: z.string().min(1),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  text: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  bot_profile: z.unknown().optional(),
  subtype: z.string().optional(),
  channel_type: z.string().optional(),
});

const commandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  response_url: z.url(),
  user_id: z.string(),
  channel_id: z.string(),
});

const interactionSchema = z.looseObject({
  type: z.string(),
  user: z.looseObject({ id: z.string() }),
  response_url: z.url().optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  container: z.looseObject({ message_ts: z.string().optional(), channel_id: z.string().optional() }).optional(),
  message: z.looseObject({ ts: z.string().optional(), text: z.string().optional() }).optional(),
  actions: z.array(z.looseObject({ action_id: z.string(), value: z.string().optional() })).optional(),
});

function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, surface: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new AppError(`bad_request:${surface}`, `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`);
  }
  return result.data;
}

function parseJson(text: string, surface: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(`bad_request:${surface}`, 'The request body must be valid JSON.');
  }
}

/**
 * The question in an event, or undefined when the event is not one to answer: only mentions
 * and direct messages from people, never bots (ourselves included), edits, joins or any
 * other message subtype.
 */
function toThreadQuestion(eventId: string, rawEvent: unknown, botUserId: string | undefined): ThreadQuestion | undefined {
  const parsed = messageEventSchema.safeParse(rawEvent);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  const wanted = event.type === 'app_mention' || (event.type === 'message' && event.channel_type === 'im');
  if (!wanted || event.subtype || event.bot_id || event.bot_profile || !event.user || event.user === botUserId) return undefined;
  return {
    eventId,
    channel: event.channel,
    ts: event.ts,
    threadTs: event.thread_ts,
    user: event.user,
    text: readSlackText(event.text ?? '').slice(0, maxQuestionLength),
  };
}

/**
 * The Slack routes, mounted at /slack: Events API (mentions and DMs, answered in a thread),
 * the `/ask` slash command, and interactions (share and feedback buttons). Every request is
 * signature-checked before anything else; every answer is produced after the ack.
 */
export function createSlackApp(deps: { slack: SlackDeps; answer: AnswerDeps; publicBaseUrl: string; log: Logger }): Hono<Env> {
  const { slack, log } = deps;
  const app = new Hono<Env>();
  const seenEvents = createTtlCache<true>({ ttlMs: 60 * 60_000, maxEntries: 20_000 });
  const answers = createTtlCache<DeliveredAnswer>({ ttlMs: 6 * 60 * 60_000, maxEntries: 1_000 });

  function handlerContext(context: Context<Env>): SlackHandlerContext {
    return {
      api: slack.api,
      answer: deps.answer,
      publicBaseUrl: deps.publicBaseUrl,
      log,
      feedback: slack.feedback,
      answers,
      updateIntervalMs: slack.updateIntervalMs ?? 1_000,
      requestId: context.get('requestId'),
    };
  }

  /** Starts work that outlives the response. The handlers never reject; the catch is a last guard. */
  function runAfterAck(context: Context<Env>, work: () => Promise<void>): void {
    const task = Promise.resolve()
      .then(work)
      .catch((error: unknown) => log.error('slack-task-failed', { requestId: context.get('requestId'), error: (error as Error)?.message }));
    if (slack.runInBackground) slack.runInBackground(task);
    else {
      try {
        context.executionCtx.waitUntil(task);
      } catch {
        // No execution context (plain Node without a runner): the task still runs to its end.
      }
    }
  }

  app.use(
    bodyLimit({
      maxSize: maxSlackBodyBytes,
      onError: () => {
        throw new AppError('payload_too_large:slack', 'The request body is too large.');
      },
    }),
  );
  app.use(async (context, next) => {
    await verifySlackSignature({
      signingSecret: slack.signingSecret,
      signature: context.req.header('x-slack-signature'),
      timestamp: context.req.header('x-slack-request-timestamp'),
      body: await context.req.text(),
      now: slack.now?.(),
    });
    await next();
  });

  // A signed command or interaction replayed within the signature's 5 minutes carries the same
  // signature (it covers the timestamp and the body): do its work once, as events are by id.
  const ignoreReplays = async (context: Context<Env>, next: () => Promise<void>) => {
    const key = `signature:${context.req.header('x-slack-signature')}`;
    if (seenEvents.has(key)) {
      log.info('slack-replay-ignored', { requestId: context.get('requestId'), path: context.req.path });
      return context.body(null, 200);
    }
    seenEvents.set(key, true);
    await next();
  };
  app.use('/commands', ignoreReplays);
  app.use('/interactions', ignoreReplays);

  app.post('/events', async (context) => {
    const envelope = parseWith(eventEnvelopeSchema, parseJson(await context.req.text(), 'slack'), 'slack');
    if (envelope.type === 'url_verification') return context.json({ challenge: envelope.challenge });
    const requestIdValue = context.get('requestId');
    const retryNumber = context.req.header('x-slack-retry-num');
    if (retryNumber) {
      // The first delivery was acked (or is being answered); a retry must never answer twice.
      log.info('slack-retry-ignored', { requestId: requestIdValue, retryNumber, reason: context.req.header('x-slack-retry-reason') });
      context.header('X-Slack-No-Retry', '1');
      return context.body(null, 200);
    }
    if (envelope.type !== 'event_callback') return context.body(null, 200);
    if (seenEvents.has(envelope.event_id)) {
      log.info('slack-duplicate-ignored', { requestId: requestIdValue, eventId: envelope.event_id });
      return context.body(null, 200);
    }
    seenEvents.set(envelope.event_id, true);
    const question = toThreadQuestion(envelope.event_id, envelope.event, envelope.authorizations?.[0]?.user_id);
    if (!question) return context.body(null, 200);
    // One message can arrive as two events (app_mention and message.*): answer it once.
    const messageKey = `message:${question.channel}:${question.ts}`;
    if (seenEvents.has(messageKey)) {
      log.info('slack-duplicate-ignored', { requestId: requestIdValue, eventId: envelope.event_id, reason: 'message already answered' });
      return context.body(null, 200);
    }
    seenEvents.set(messageKey, true);
    runAfterAck(context, () => answerInThread(handlerContext(context), question));
    return context.body(null, 200);
  });

  app.post('/commands', async (context) => {
    const form = Object.fromEntries(new URLSearchParams(await context.req.text()));
    const command = parseWith(commandSchema, form, 'slack');
    const text = readSlackText(command.text).slice(0, maxQuestionLength);
    if (!text) return context.json({ response_type: 'ephemeral', text: slackTexts.commandUsage });
    runAfterAck(context, () =>
      answerCommand(handlerContext(context), { text, responseUrl: command.response_url, userId: command.user_id, channelId: command.channel_id }),
    );
    return context.json({ response_type: 'ephemeral', text: slackTexts.placeholder });
  });

  app.post('/interactions', async (context) => {
    const payloadText = new URLSearchParams(await context.req.text()).get('payload');
    if (!payloadText) throw new AppError('bad_request:slack', 'payload: required');
    const payload = parseWith(interactionSchema, parseJson(payloadText, 'slack'), 'slack');
    const action = payload.actions?.[0];
    if (payload.type !== 'block_actions' || !action) return context.body(null, 200);
    runAfterAck(context, () =>
      handleBlockAction(handlerContext(context), {
        actionId: action.action_id,
        value: action.value,
        userId: payload.user.id,
        responseUrl: payload.response_url,
        channelId: payload.channel?.id ?? payload.container?.channel_id,
        messageTs: payload.container?.message_ts ?? payload.message?.ts,
        messageText: payload.message?.text,
      }),
    );
    return context.body(null, 200);
  });

  return app;
}
