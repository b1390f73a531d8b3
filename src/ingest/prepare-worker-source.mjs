// Development entry of the prepare worker: loads the TypeScript source through tsx, because
// Node 20 does not apply `--import` loaders to a worker's entry file. Builds use prepare-worker.js.
import { tsImport } from 'tsx/esm/api';

await tsImport('./prepare-worker.ts', import.meta.url);
