import { parseConfig, publicBaseUrl } from '../src/config.js';

/**
 * Where the report's source links point when `--base-url` is not given: the server this
 * environment configures (PUBLIC_BASE_URL, else http://HOST:PORT), as `npm start` would serve it.
 */
export function defaultReportBaseUrl(environment: NodeJS.ProcessEnv): string {
  return publicBaseUrl(parseConfig(environment));
}
