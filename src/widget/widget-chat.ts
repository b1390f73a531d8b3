import { AbstractChat, DefaultChatTransport, type ChatInit, type ChatState, type ChatStatus, type UIMessage } from 'ai';
import type { CitationData } from './read-citations.js';
import { maxChatMessages } from '../core/limits.js';

/** The `finish` part's messageMetadata. */
export interface AnswerMetadata {
  mode?: 'llm' | 'extractive';
  refused?: boolean;
  language?: string;
  promptVersion?: string;
  interrupted?: boolean;
}

export type WidgetMessage = UIMessage<AnswerMetadata, { citation: CitationData; retrieval: unknown; suggestions: { questions: string[] } }>;

/** A ChatState that tells the widget about every change; snapshots are deep copies. */
class WidgetChatState implements ChatState<WidgetMessage> {
  #status: ChatStatus = 'ready';
  #error: Error | undefined;
  #messages: WidgetMessage[];

  constructor(
    messages: WidgetMessage[],
    private readonly onChange: () => void,
  ) {
    this.#messages = messages;
  }

  get status(): ChatStatus {
    return this.#status;
  }
  set status(status: ChatStatus) {
    this.#status = status;
    this.onChange();
  }
  get error(): Error | undefined {
    return this.#error;
  }
  set error(error: Error | undefined) {
    this.#error = error;
    this.onChange();
  }
  get messages(): WidgetMessage[] {
    return this.#messages;
  }
  set messages(messages: WidgetMessage[]) {
    this.#messages = [...messages];
    this.onChange();
  }
  pushMessage = (message: WidgetMessage) => {
    this.#messages = [...this.#messages, message];
    this.onChange();
  };
  popMessage = () => {
    this.#messages = this.#messages.slice(0, -1);
    this.onChange();
  };
  replaceMessage = (index: number, message: WidgetMessage) => {
    this.#messages = this.#messages.map((existing, position) => (position === index ? message : existing));
    this.onChange();
  };
  snapshot = <T,>(thing: T): T => structuredClone(thing);
}

/** The text of a message's text parts. */
export function messageText(message: Pick<WidgetMessage, 'parts'>): string {
  return message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** The framework-free AI SDK chat, streaming from `<apiBase>/api/chat`. */
export class WidgetChat extends AbstractChat<WidgetMessage> {
  constructor(options: { apiBase: string; messages: WidgetMessage[]; onChange: () => void } & Pick<ChatInit<WidgetMessage>, 'id' | 'onFinish' | 'onError'>) {
    const { apiBase, messages, onChange, ...init } = options;
    super({
      ...init,
      state: new WidgetChatState(messages, onChange),
      transport: new DefaultChatTransport<WidgetMessage>({
        api: `${apiBase}/api/chat`,
        credentials: 'omit',
        // The whole conversation goes up, as useChat sends it, but only text parts are needed.
        prepareSendMessagesRequest: ({ id, messages: all }) => ({
          body: {
            id,
            messages: all.slice(-maxChatMessages).map((message) => ({
              id: message.id,
              role: message.role,
              parts: [{ type: 'text', text: messageText(message) }],
            })),
          },
        }),
      }),
    });
  }
}
