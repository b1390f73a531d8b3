/** A failed Slack call, thrown by every SlackApi implementation. */
export class SlackApiError extends Error {
  readonly method: string;
  /** Slack's error code (`channel_not_found`) or `http_<status>` / `request_failed`. */
  readonly slackError: string;

  constructor(method: string, slackError: string, options?: { cause?: unknown }) {
    super(`Slack ${method} failed: ${slackError}`, options);
    this.name = 'SlackApiError';
    this.method = method;
    this.slackError = slackError;
  }
}

/** A 429 from Slack, with the seconds its Retry-After asked for. */
export class SlackRateLimitedError extends SlackApiError {
  readonly retryAfterSeconds: number;

  constructor(method: string, retryAfterSeconds: number) {
    super(method, 'ratelimited');
    this.name = 'SlackRateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
