// Run as a child process by tests/lancedb-store-logs.test.ts: lance's Rust logger writes to the
// process's stderr directly, which only a parent process can read.
import { openLanceStore } from '../../src/adapters/lancedb-store.js';

const store = await openLanceStore(process.argv[2]!);
await store.reset({ modelId: 'test', dimension: 4 });
await store.reset({ modelId: 'test', dimension: 4 });
// Readers see no index after a first reset until something is published.
await store.publishSnapshot();
console.log(JSON.stringify(await store.stats()));
