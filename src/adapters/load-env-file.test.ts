import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEnvFile } from './load-env-file.js';

let workDir: string;
beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-env-'));
});
afterEach(() => rm(workDir, { recursive: true, force: true }));

describe('loadEnvFile', () => {
  it('sets the variables the environment lacks and lets the real environment win', async () => {
    const filePath = path.join(workDir, '.env');
    await writeFile(filePath, '# comment\nPORT=9999\nHOST=0.0.0.0\nLLM_MODEL="llama 3"\nOPENAI_BASE_URL=http://file.example/v1\n');
    const environment: NodeJS.ProcessEnv = { PORT: '8000', OPENAI_BASE_URL: '' };
    expect(loadEnvFile(filePath, environment)).toEqual(['HOST', 'LLM_MODEL']);
    expect(environment).toEqual({ PORT: '8000', HOST: '0.0.0.0', LLM_MODEL: 'llama 3', OPENAI_BASE_URL: '' });
  });

  it('does nothing when the file is missing', () => {
    const environment: NodeJS.ProcessEnv = { PORT: '8000' };
    expect(loadEnvFile(path.join(workDir, '.env'), environment)).toEqual([]);
    expect(environment).toEqual({ PORT: '8000' });
  });

  it('reads .env.example as shipped', () => {
    const environment: NodeJS.ProcessEnv = {};
    loadEnvFile('.env.example', environment);
    expect(environment).toMatchObject({ PORT: '8787', HOST: '127.0.0.1', EMBEDDINGS: 'local' });
    expect(environment.OPENAI_API_KEY).toBeUndefined();
  });
});
