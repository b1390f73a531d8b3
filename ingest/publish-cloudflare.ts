import { createCloudflareApi } from '../src/adapters/cloudflare-api.js';
import { createWorkersAiEmbedder } from '../src/adapters/workers-ai-embedder.js';
import { parsePublishConfig, publishToCloudflare, type PublishSummary } from '../src/ingest/publish-to-cloudflare.js';

/**
 * `npm run ingest -- --target cloudflare`: reads the publisher's environment, builds the REST
 * client and the Workers AI embedder (none with EMBEDDINGS=none), publishes and reports.
 */
export async function runPublishCommand(options: {
  sourceDir: string;
  rebuild: boolean;
  keywordOnly: boolean;
  environment: Record<string, string | undefined>;
  print: (line: string) => void;
}): Promise<PublishSummary> {
  const config = parsePublishConfig(options.environment);
  const api = createCloudflareApi({ accountId: config.CLOUDFLARE_ACCOUNT_ID, apiToken: config.CLOUDFLARE_API_TOKEN, baseUrl: config.CLOUDFLARE_API_BASE_URL });
  const embedder = options.keywordOnly ? null : createWorkersAiEmbedder(api.ai, { model: config.WORKERS_AI_EMBEDDING_MODEL });
  options.print(`Publishing ${options.sourceDir} to D1 ${config.CLOUDFLARE_D1_DATABASE_ID} and Vectorize ${config.CLOUDFLARE_VECTORIZE_INDEX}`);
  const summary = await publishToCloudflare({
    sourceDir: options.sourceDir,
    api,
    databaseId: config.CLOUDFLARE_D1_DATABASE_ID,
    indexName: config.CLOUDFLARE_VECTORIZE_INDEX,
    embedder,
    rebuild: options.rebuild,
  });
  options.print(`Documents: ${summary.documents} (${summary.written} written, ${summary.unchanged} unchanged, ${summary.deleted} removed)`);
  options.print(`Passages: ${summary.passages}; vectors upserted: ${summary.vectorsUpserted}, deleted: ${summary.vectorsDeleted}`);
  options.print(`Skipped files: ${summary.skipped.length}`);
  for (const skipped of summary.skipped) options.print(`  - ${skipped.sourcePath}: ${skipped.reason}`);
  options.print(`Embedder: ${summary.embedder}`);
  options.print(`Time: ${(summary.ms / 1000).toFixed(2)} s`);
  return summary;
}
