import type { Browser } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { startAnswerServer, type AnswerServer } from './start-answer-server.js';
import { startHostPageServer, type PageServer } from './start-page-server.js';

export interface WidgetHarness {
  browser: Browser;
  /** The real server on the bundled seeds, allowing the publisher's origin. */
  api: AnswerServer;
  /** A page of another origin that embeds the widget from `api`. */
  publisher: PageServer;
  close(): Promise<void>;
}

/** Chromium, the answer server and a publisher page that embeds its widget, started together. */
export async function startWidgetHarness(): Promise<WidgetHarness> {
  let api: AnswerServer | undefined;
  const publisher = await startHostPageServer(() => `${api!.url}/widget.js`);
  const [server, browser] = await Promise.all([startAnswerServer({ allowedOrigins: [publisher.origin] }), launchChromium()]);
  api = server;
  return {
    browser,
    api: server,
    publisher,
    close: async () => {
      await browser.close();
      await Promise.all([server.close(), publisher.close()]);
    },
  };
}
