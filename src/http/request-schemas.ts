import { z } from 'zod';
import { maxChatMessages, maxHistoryTurns, maxQuestionLength, maxTurnLength } from '../core/limits.js';

const chatTurn = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(maxTurnLength),
});

export const askBodySchema = z.object({
  question: z.string().trim().min(1, 'question must not be empty').max(maxQuestionLength, `question must be at most ${maxQuestionLength} characters`),
  history: z.array(chatTurn).max(maxHistoryTurns, `history may hold at most ${maxHistoryTurns} turns`).optional(),
});

/** The parts of an AI SDK UI message that carry text; other part types are ignored. */
const uiMessageSchema = z.object({
  id: z.string().max(200).optional(),
  role: z.enum(['user', 'assistant', 'system']),
  parts: z
    .array(z.looseObject({ type: z.string(), text: z.string().max(maxTurnLength * 4).optional() }))
    .max(200),
});

/** The body `useChat` (DefaultChatTransport) sends. */
export const chatBodySchema = z.looseObject({
  id: z.string().max(200).optional(),
  messages: z.array(uiMessageSchema).min(1, 'messages must not be empty').max(maxChatMessages),
});

export type ChatBody = z.infer<typeof chatBodySchema>;
