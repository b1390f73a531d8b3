-- Ratings from the widget (POST /api/feedback) and the Slack bot: one row per FeedbackRecord
-- (src/adapters/feedback-store.ts), as the JSONL log holds them on Node.
CREATE TABLE feedback (
  id TEXT PRIMARY KEY,
  received_at TEXT NOT NULL, -- ISO 8601
  channel TEXT, -- widget, slack
  message_id TEXT NOT NULL,
  rating TEXT NOT NULL, -- up, down
  comment TEXT,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  citations TEXT NOT NULL -- FeedbackCitation[] as JSON
);
CREATE INDEX feedback_received_at ON feedback (received_at);
