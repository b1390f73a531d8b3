import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';

export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** Until the `listening` log line. */
  startupMs: number;
  /** Until the background ingest the server starts has ended (`index-ready`); with `waitForIndex` only. */
  syncedMs?: number;
  /** Stops the child (SIGTERM, SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

export async function findFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.listen(0, '127.0.0.1', resolve).once('error', reject));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}

/**
 * Starts the real server as a child process (`args` after `node`, from `cwd`) on a free port of
 * 127.0.0.1 and waits for its "listening" log line and, with `waitForIndex`, for the background
 * ingest it then starts to end ("index-ready"). The child is stopped if it fails to start.
 */
export async function startBenchServer(options: { args: string[]; cwd: string; env: Record<string, string>; startupTimeoutMs: number; waitForIndex?: boolean }): Promise<BenchServer> {
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const stop = () => stopChild(child);
  try {
    let startupMs = 0;
    const waitedFor = options.waitForIndex ? '"listening" and "index-ready"' : '"listening"';
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not log ${waitedFor} within ${options.startupTimeoutMs} ms: ${stderr.join('').slice(-500)}`)), options.startupTimeoutMs);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr.join('').slice(-500)}`)));
      let url = '';
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.includes('"listening"')) {
          startupMs = performance.now() - started;
          url = (JSON.parse(line) as { url: string }).url;
        }
        if (!url || (options.waitForIndex && !line.includes('"index-ready"'))) return;
        clearTimeout(timer);
        resolve(url);
      });
    });
    return { baseUrl, pid: child.pid!, startupMs, syncedMs: options.waitForIndex ? performance.now() - started : undefined, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
