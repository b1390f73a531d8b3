import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// `npm start`'s entry point as a new user meets it: started from a folder with a `.env`, on a
// busy port, and at a terminal.
const repoRoot = path.resolve(import.meta.dirname, '..');
const tsxLoader = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const entryPoint = path.join(repoRoot, 'src/node.ts');

let workDir: string;
const busyServers: Server[] = [];

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cited-start-up-'));
});
afterEach(async () => {
  await Promise.all(busyServers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(workDir, { recursive: true, force: true });
});

async function occupyPort(): Promise<number> {
  const server = createServer();
  busyServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** The environment of a new user's shell: none of our settings, except those given. */
function environmentWith(settings: Record<string, string>): NodeJS.ProcessEnv {
  const names = ['PORT', 'HOST', 'DATA_DIR', 'SEEDS_DIR', 'MODELS_DIR', 'EMBEDDINGS', 'LOG_LEVEL', 'OPENAI_API_KEY', 'OPENAI_BASE_URL'];
  const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !names.includes(name)));
  return { ...environment, ...settings };
}

function runEntryPoint(settings: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', tsxLoader, entryPoint], { cwd: workDir, env: environmentWith(settings) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })));
}

describe('npm start on a busy port', () => {
  it('exits before the ingest with one line naming the port', async () => {
    const port = await occupyPort();
    const result = await runEntryPoint({ PORT: String(port), SEEDS_DIR: path.join(repoRoot, 'seeds'), EMBEDDINGS: 'none' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Port ${port} is in use. Set PORT to another port.\n`);
    expect(result.stdout).toBe('');
  });
});

describe('.env', () => {
  it('is read from the working folder, and the real environment wins', async () => {
    const [filePort, realPort] = [await occupyPort(), await occupyPort()];
    await writeFile(path.join(workDir, '.env'), `PORT=${filePort}\nHOST=127.0.0.1\n`);
    const fromFile = await runEntryPoint({});
    expect(fromFile.stderr).toBe(`Port ${filePort} is in use. Set PORT to another port.\n`);
    const fromEnvironment = await runEntryPoint({ PORT: String(realPort) });
    expect(fromEnvironment.stderr).toBe(`Port ${realPort} is in use. Set PORT to another port.\n`);
  });
});

describe('the "Open" line', () => {
  async function startAndStop(settings: Record<string, string>, command: (args: string[]) => [string, string[]]) {
    const [file, args] = command([process.execPath, '--import', tsxLoader, entryPoint]);
    // From the repository, as `npm start` runs (prompts/ is read from the working folder).
    const child = spawn(file, args, { cwd: repoRoot, env: environmentWith(settings) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 90_000);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      child.stdout.on('data', () => {
        if (output.includes('"event":"listening"') && output.trimEnd().split('\n').length >= 2) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // Give a terminal's last line time to arrive, then stop the server.
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    return output;
  }

  const settings = () => ({ DATA_DIR: path.join(workDir, 'data'), SEEDS_DIR: path.join(repoRoot, 'seeds'), EMBEDDINGS: 'none', PORT: '0' });

  it('is printed once at a terminal, after the listening log line', async () => {
    const quoted = (args: string[]) => args.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
    // util-linux `script` gives the child a pseudo-terminal, as a person's shell would.
    const output = await startAndStop(settings(), (args) => ['script', ['-qefc', quoted(args), '/dev/null']]);
    expect(output.match(/^Open http:\/\/127\.0\.0\.1:\d+\/\r?$/gm)).toHaveLength(1);
  });

  it('is not printed when stdout is not a terminal: JSON lines only', async () => {
    const output = await startAndStop(settings(), (args) => [args[0]!, args.slice(1)]);
    const lines = output.trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith('{'))).toBe(true);
    expect(output).not.toContain('Open http');
  });
});
