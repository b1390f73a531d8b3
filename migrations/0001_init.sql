-- The Workers index: the same documents and passages that LanceDB holds on Node.
-- Applied with `wrangler d1 migrations apply cited-answers --remote` (see docs-workers.md).

-- One row per cleaned document: what a source page is rendered from. content_hash marks a
-- completely published document; the publisher writes it last.
CREATE TABLE documents (
  doc_id TEXT PRIMARY KEY,
  source_path TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  document TEXT NOT NULL -- StoredDocument as JSON
);

-- One row per passage. The id is also the passage's vector id in Vectorize.
CREATE TABLE passages (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL,
  paragraph INTEGER NOT NULL,
  chunk INTEGER NOT NULL,
  text TEXT NOT NULL,
  search_text TEXT NOT NULL, -- normalizeSearchText(text): whitespace-separated tokens
  keyword_text TEXT NOT NULL, -- search_text without English stop words: what FTS5 indexes
  kind TEXT NOT NULL,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  url TEXT,
  published_at TEXT,
  outlet TEXT,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  content_hash TEXT NOT NULL
);
CREATE INDEX passages_doc_id ON passages (doc_id);

-- Keyword search over keyword_text. The search text is already tokenised (NFKC, lower case,
-- Simplified script, words plus Han bigrams, joined by spaces), so the tokenizer must split on
-- whitespace only: `categories` makes every non-separator character a token character, which
-- keeps `1.8`, `u.s.` and Han bigrams whole (plain unicode61 would split `1.8` into `1` and `8`).
-- porter stems English tokens, as LanceDB's index does on Node, and leaves Han tokens alone.
CREATE VIRTUAL TABLE passages_fts USING fts5 (
  keyword_text,
  content = 'passages',
  content_rowid = 'seq',
  tokenize = "porter unicode61 remove_diacritics 0 categories 'L* N* M* P* S* Co Cc Cf'"
);

CREATE TRIGGER passages_after_insert AFTER INSERT ON passages BEGIN
  INSERT INTO passages_fts (rowid, keyword_text) VALUES (new.seq, new.keyword_text);
END;

CREATE TRIGGER passages_after_delete AFTER DELETE ON passages BEGIN
  INSERT INTO passages_fts (passages_fts, rowid, keyword_text) VALUES ('delete', old.seq, old.keyword_text);
END;

CREATE TRIGGER passages_after_update AFTER UPDATE ON passages BEGIN
  INSERT INTO passages_fts (passages_fts, rowid, keyword_text) VALUES ('delete', old.seq, old.keyword_text);
  INSERT INTO passages_fts (rowid, keyword_text) VALUES (new.seq, new.keyword_text);
END;

-- Index-wide facts, e.g. key 'embedding' → {"modelId":"@cf/baai/bge-m3","dimension":1024}.
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
