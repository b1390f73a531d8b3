import type { WidgetMessage } from './widget-chat.js';

export type Rating = 'up' | 'down';

export interface SavedConversation {
  id?: string;
  messages: WidgetMessage[];
  feedback: Record<string, Rating>;
}

export interface ConversationStore {
  read(): SavedConversation;
  save(conversation: SavedConversation): void;
  clear(): void;
}

const maxSavedMessages = 40;

/**
 * The conversation in localStorage under `key`: the last 40 messages and the ratings given to
 * them. A broken or foreign entry reads as an empty conversation.
 */
export function createConversationStore(key: string): ConversationStore {
  return {
    read() {
      try {
        const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as SavedConversation | null;
        const messages = Array.isArray(saved?.messages)
          ? saved.messages.filter((message) => typeof message?.id === 'string' && (message.role === 'user' || message.role === 'assistant') && Array.isArray(message.parts))
          : [];
        return { id: typeof saved?.id === 'string' ? saved.id : undefined, messages, feedback: saved?.feedback && typeof saved.feedback === 'object' ? saved.feedback : {} };
      } catch {
        return { messages: [], feedback: {} };
      }
    },
    save({ id, messages: all, feedback }) {
      try {
        const messages = all.slice(-maxSavedMessages);
        const kept = new Set(messages.map((message) => message.id));
        const ratings = Object.fromEntries(Object.entries(feedback).filter(([messageId]) => kept.has(messageId)));
        if (messages.length) localStorage.setItem(key, JSON.stringify({ id, messages, feedback: ratings }));
        else localStorage.removeItem(key);
      } catch {
        // Storage may be full or disabled; the conversation still works for this page view.
      }
    },
    clear() {
      try {
        localStorage.removeItem(key);
      } catch {
        // Nothing to forget.
      }
    },
  };
}
