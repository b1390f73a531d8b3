import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPort, describeListenError } from './check-port.js';

let busy: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (busy ? busy.close(() => resolve()) : resolve())));

async function occupyPort(): Promise<number> {
  busy = createServer();
  await new Promise<void>((resolve) => busy!.listen(0, '127.0.0.1', resolve));
  return (busy.address() as { port: number }).port;
}

describe('checkPort', () => {
  it('names a busy port in one line', async () => {
    const port = await occupyPort();
    expect(await checkPort('127.0.0.1', port)).toBe(`Port ${port} is in use. Set PORT to another port.`);
  });

  it('finds a free port free and leaves it free', async () => {
    const port = await occupyPort();
    await new Promise<void>((resolve) => busy!.close(() => resolve()));
    busy = undefined;
    expect(await checkPort('127.0.0.1', port)).toBeUndefined();
    expect(await checkPort('127.0.0.1', port)).toBeUndefined();
  });

  it('accepts port 0 (any free port) without probing', async () => {
    expect(await checkPort('127.0.0.1', 0)).toBeUndefined();
  });

  it('names a HOST that is not an address of this machine', async () => {
    expect(await checkPort('192.0.2.1', 8787)).toBe('HOST 192.0.2.1 is not an address of this machine. Set HOST to another address.');
  });
});

describe('describeListenError', () => {
  it.each([
    ['EADDRINUSE', 'Port 80 is in use. Set PORT to another port.'],
    ['EACCES', 'Port 80 needs more privileges. Set PORT to a port above 1023.'],
    ['ECONNRESET', undefined],
  ])('%s', (code, line) => {
    expect(describeListenError(Object.assign(new Error(code), { code }), '127.0.0.1', 80)).toBe(line);
  });
});
