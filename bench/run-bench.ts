// LanceDB's Rust logger reads LANCEDB_LOG once, when the native module loads: quiet its
// "No existing dataset … will be created" warnings before anything imports it.
process.env.LANCEDB_LOG ??= 'error';
const { runBenchmarks } = await import('./run-benchmarks.js');
await runBenchmarks({ quick: process.argv.includes('--quick') });
