// Imported first by every Node entry point. It reads `.env` from the working folder (the real
// environment wins), then drops empty values: an empty variable means "unset" in src/config.ts,
// but some libraries read the environment when they load: @ai-sdk/openai throws on an empty
// OPENAI_BASE_URL. Dropping empty values before anything else loads keeps both readings equal.
import { loadEnvFile } from './load-env-file.js';

loadEnvFile('.env');
for (const [name, value] of Object.entries(process.env)) {
  if (value === '') delete process.env[name];
}
