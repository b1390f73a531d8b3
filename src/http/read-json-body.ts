import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../core/app-error.js';

/**
 * Reads and validates a JSON body. Throws AppError `bad_request:<surface>` naming the field
 * that failed, or for a body that is not JSON.
 */
export async function readJsonBody<Schema extends z.ZodType>(context: Context, schema: Schema, surface: string): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = await context.req.json();
  } catch {
    throw new AppError(`bad_request:${surface}`, 'The request body must be valid JSON.');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : 'body';
    throw new AppError(`bad_request:${surface}`, `${field}: ${issue.message}`);
  }
  return result.data;
}
