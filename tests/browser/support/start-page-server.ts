import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 with a random port, answering every request with `handle`. */
export async function startPageServer(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<PageServer> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A publisher's article page that embeds the widget from `scriptUrl`. */
export function renderHostPage(scriptUrl: string, attributes = ''): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>A publisher's page</title>
<style>
  /* Hostile page styles: none of these may reach the widget. */
  * { font-family: "Comic Sans MS", cursive !important; color: #c00; }
  button { background: lime; border: 5px dashed purple; }
  p, div { margin: 40px; line-height: 3; }
</style></head>
<body><main><h1>Local news</h1><p>An article on a publisher's site, with the assistant embedded.</p></main>
<script src="${scriptUrl}" ${attributes} defer></script>
</body></html>`;
}

/** A publisher's site embedding the widget from `scriptUrl`; `?attributes=` adds attributes to its script tag. */
export function startHostPageServer(scriptUrl: () => string): Promise<PageServer> {
  return startPageServer((request, response) => {
    const attributes = new URL(request.url ?? '/', 'http://x').searchParams.get('attributes') ?? '';
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(renderHostPage(scriptUrl(), attributes));
  });
}
