import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';

export interface BenchServer {
  baseUrl: string;
  pid: number;
  startupMs: number;
  /** Stops the child (SIGTERM, SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

async function findFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.listen(0, '127.0.0.1', resolve).once('error', reject));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Starts the real server as a child process (`args` after `node`, from `cwd`) on a free port of
 * 127.0.0.1 and waits for its "listening" log line. The child is stopped if it fails to start.
 */
export async function startBenchServer(options: { args: string[]; cwd: string; env: Record<string, string>; startupTimeoutMs: number }): Promise<BenchServer> {
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  };
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not log "listening" within ${options.startupTimeoutMs} ms: ${stderr.join('').slice(-500)}`)), options.startupTimeoutMs);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr.join('').slice(-500)}`)));
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.includes('"listening"')) return;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      });
    });
    return { baseUrl, pid: child.pid!, startupMs: performance.now() - started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
