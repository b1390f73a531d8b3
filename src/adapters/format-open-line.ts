/**
 * The line printed for a person at a terminal once the server listens: where to point the
 * browser. A wildcard address (0.0.0.0, ::) is shown as 127.0.0.1, which reaches it locally.
 */
export function formatOpenLine(address: string, port: number): string {
  const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
  return `Open http://${host}:${port}/`;
}
