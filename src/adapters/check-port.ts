import { createServer } from 'node:net';

/** The one line to print when the server cannot listen on PORT, by the listen error's code. */
export function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string | undefined {
  switch (error.code) {
    case 'EADDRINUSE':
      return `Port ${port} is in use. Set PORT to another port.`;
    case 'EACCES':
      return `Port ${port} needs more privileges. Set PORT to a port above 1023.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `HOST ${host} is not an address of this machine. Set HOST to another address.`;
    default:
      return undefined;
  }
}

/**
 * Tries to listen on host:port and closes again at once, so that a busy port is reported
 * before the ingest rather than after it. Returns the line describing the problem, or
 * undefined when the port is free (or 0, any free port).
 */
export async function checkPort(host: string, port: number): Promise<string | undefined> {
  if (port === 0) return undefined;
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const line = describeListenError(error, host, port);
      if (line) resolve(line);
      else reject(error);
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}
