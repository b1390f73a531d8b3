// Child process of run-scale-bench.ts: serves the index in argv[2] as the server does (a fresh
// process, so its RSS is the serving one, not the loader's) and prints one JSON line with
// keyword/vector/hybrid latency and RSS.
process.env.LANCEDB_LOG ??= 'error';
const { openLanceStore } = await import('../src/adapters/lancedb-store.js');
const { normalizeSearchText } = await import('../src/core/normalize-search-text.js');
const { retrieve } = await import('../src/engine/retrieve.js');
const { buildBenchQuestions } = await import('./build-bench-questions.js');
const { createTextEmbedder } = await import('./create-text-embedder.js');
const { benchEmbedding } = await import('./create-synthetic-store.js');
const { measureLatency } = await import('./measure-latency.js');
const { readSeedSentences } = await import('./read-seed-sentences.js');

const budget = { warmupRuns: 10, maxRuns: 300, maxMs: 20_000 };
const embedder = createTextEmbedder(benchEmbedding.modelId, benchEmbedding.dimension);
const questions = buildBenchQuestions(await readSeedSentences(), 200, 11).map(({ question }) => question);
const store = await openLanceStore(process.argv[2]!);
const question = (index: number) => questions[index % questions.length]!;
const strip = ({ samples: _samples, ...summary }: { samples: number[] }) => summary;
const keyword = await measureLatency((index) => store.keywordSearch(normalizeSearchText(question(index)), { limit: 24, filter: {} }), budget);
const vector = await measureLatency(async (index) => store.vectorSearch(await embedder.embedQuery(question(index)), { limit: 24, filter: {} }), budget);
const hybrid = await measureLatency((index) => retrieve({ store, embedder }, question(index)), budget);
process.stdout.write(`${JSON.stringify({ keyword: strip(keyword), vector: strip(vector), hybrid: strip(hybrid), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) })}\n`);
