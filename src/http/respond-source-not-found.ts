import type { Context } from 'hono';
import { AppError } from '../core/app-error.js';
import { renderSourceNotFoundPage } from './render-source-page.js';
import { languageFromAcceptLanguage } from './source-page-labels.js';

/**
 * A missing source: a browser (Accept: text/html) gets a readable 404 page in its language;
 * API clients get the JSON error, thrown for app.onError.
 */
export function respondSourceNotFound(context: Context): Response {
  if (/\btext\/html\b/i.test(context.req.header('accept') ?? '')) {
    return context.html(renderSourceNotFoundPage(languageFromAcceptLanguage(context.req.header('accept-language'))), 404);
  }
  throw new AppError('not_found:source', 'No such source document.');
}
