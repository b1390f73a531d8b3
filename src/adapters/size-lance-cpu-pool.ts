// Imported by lancedb-store.ts before LanceDB runs anything. LanceDB does its CPU-heavy query work
// (the HNSW search of each IVF partition, full-text scoring) on a pool of cores − 2 threads, and
// of one thread on a machine of up to 3 cores: there a hybrid search's keyword and vector legs
// queue behind each other, and a vector query searches its partitions one after the other. With
// a thread per core, hybrid p95 at 1M passages fell by a third on 2 cores (README, "A million
// passages"). LanceDB reads LANCE_CPU_THREADS when it first starts that pool; a value set in the
// environment wins, and larger machines keep LanceDB's own choice.
import { availableParallelism } from 'node:os';

const cores = availableParallelism();
if (cores <= 3) process.env.LANCE_CPU_THREADS ??= String(cores);
