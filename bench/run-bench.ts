// LanceDB's Rust logger reads LANCEDB_LOG once, when the native module loads: quiet its
// "No existing dataset … will be created" warnings before anything imports it.
process.env.LANCEDB_LOG ??= 'error';
const scaleIndex = process.argv.indexOf('--scale');
if (scaleIndex > 0) {
  const { parseScale, runScaleBench } = await import('./run-scale-bench.js');
  const compareIndex = process.argv.indexOf('--compare');
  const compare = compareIndex > 0 ? (process.argv[compareIndex + 1] ?? '').split(',').filter(Boolean) : [];
  const keepIndex = process.argv.indexOf('--keep');
  const keep = keepIndex > 0 ? process.argv[keepIndex + 1] : undefined;
  const servingRunsIndex = process.argv.indexOf('--serving-runs');
  const servingRuns = servingRunsIndex > 0 ? Number(process.argv[servingRunsIndex + 1]) : 1;
  if (!Number.isInteger(servingRuns) || servingRuns < 1) throw new Error('--serving-runs must be a whole number ≥ 1');
  await runScaleBench(parseScale(process.argv[scaleIndex + 1] ?? ''), { compare, skipIngest: process.argv.includes('--skip-ingest'), keep, servingRuns });
} else {
  const { runBenchmarks } = await import('./run-benchmarks.js');
  await runBenchmarks({ quick: process.argv.includes('--quick') });
}
