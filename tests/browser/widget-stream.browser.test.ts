import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWidgetScript } from '../../src/node/build-widget.js';
import { launchChromium } from './support/launch-chromium.js';
import { renderHostPage, startPageServer, type PageServer } from './support/start-page-server.js';

// Characters of 2, 3 and 4 bytes in UTF-8, so fixed-size slices cut through them.
const answerText = 'Ünïcödé ok: 黃仁勳在上海逛了菜市場 [1]，韩国扩充 GPU 🚀🎉 done.';
const citation = {
  n: 1,
  docId: 'doc-1',
  paragraph: 2,
  title: '黃仁勳逛菜市場 <img src=x onerror=alert(1)>',
  outlet: '中央社',
  publishedAt: '2025-07-17',
  url: 'http://127.0.0.1/sources/doc-1#p-2',
  quote: '逛了菜市場',
  start: 3,
  end: 8,
};

function frames(): Buffer {
  const chunks = [
    { type: 'start', messageId: 'server-message-1' },
    { type: 'data-retrieval', data: { ms: 1, mode: 'keyword', passages: [] }, transient: true },
    { type: 'text-start', id: 't1' },
    // The text arrives in small deltas that themselves split words and markers.
    ...Array.from(answerText.matchAll(/[\s\S]{1,4}/gu), ([delta]) => ({ type: 'text-delta', id: 't1', delta })),
    { type: 'source-url', sourceId: 'citation-1', url: citation.url, title: citation.title },
    { type: 'data-citation', id: 'citation-1', data: citation },
    { type: 'text-end', id: 't1' },
    { type: 'finish', finishReason: 'stop', messageMetadata: { mode: 'extractive', refused: false, language: 'zh-Hant', promptVersion: 'test', interrupted: false } },
  ];
  return Buffer.from(`${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`, 'utf8');
}

/** A long answer, one paragraph per frame, written slowly enough to scroll while it streams. */
async function writeLongAnswer(response: ServerResponse): Promise<void> {
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'x-vercel-ai-ui-message-stream': 'v1' });
  response.flushHeaders();
  const send = (chunk: unknown) => response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  send({ type: 'start', messageId: `long-${Date.now()}` });
  send({ type: 'text-start', id: 't1' });
  for (let paragraph = 1; paragraph <= longAnswerParagraphs; paragraph++) {
    send({ type: 'text-delta', id: 't1', delta: `Paragraph ${paragraph} of a long answer, long enough to need scrolling in the panel.\n\n` });
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  send({ type: 'text-end', id: 't1' });
  send({ type: 'finish', finishReason: 'stop', messageMetadata: { mode: 'extractive', refused: false, language: 'en', promptVersion: 'test', interrupted: false } });
  response.end('data: [DONE]\n\n');
}
const longAnswerParagraphs = 60;

/** Writes the SSE body in 5-byte slices, cutting frames and multi-byte characters, with pauses. */
async function writeSplit(response: ServerResponse, body: Buffer): Promise<void> {
  response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'x-vercel-ai-ui-message-stream': 'v1' });
  response.flushHeaders();
  for (let offset = 0; offset < body.length; offset += 5) {
    response.write(body.subarray(offset, offset + 5));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  response.end();
}

let browser: Browser;
let server: PageServer;
let script: string;
let splitMidCharacter = 0;

beforeAll(async () => {
  script = await loadWidgetScript();
  const body = frames();
  for (let offset = 5; offset < body.length; offset += 5) if ((body[offset]! & 0xc0) === 0x80) splitMidCharacter += 1;
  server = await startPageServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.url === '/widget.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      response.end(script);
    } else if (request.url === '/api/chat' && request.method === 'POST') {
      let requestBody = '';
      request.on('data', (chunk: Buffer) => (requestBody += chunk.toString('utf8')));
      request.on('end', () => void (requestBody.includes('long answer') ? writeLongAnswer(response) : writeSplit(response, body)));
    } else {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(renderHostPage('/widget.js', 'data-open'));
    }
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('streaming through the AI SDK chat client', () => {
  it('reassembles frames and characters split across network chunks', async () => {
    expect(splitMidCharacter).toBeGreaterThan(5);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.origin}/`);
    await page.locator('cited-answers-widget textarea#ca-input').fill('輝達2024會計年度在中國市場的營收是多少？');
    await page.locator('cited-answers-widget textarea#ca-input').press('Enter');
    const answer = page.locator('cited-answers-widget .message.assistant:not(.typing)');
    // The answer appears first, and only then can its stream be over (aria-busy is false before sending too).
    await expect.poll(() => answer.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('cited-answers-widget .messages').getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');

    const bubble = await answer.locator('.bubble').evaluate((element) => element.textContent);
    expect(bubble).toBe(answerText.replace('[1]', '1'));
    expect(bubble).not.toContain('\uFFFD');
    expect(await answer.locator('.bubble .chip').getAttribute('href')).toBe('http://127.0.0.1/sources/doc-1?hl=2%3A3-8#p-2');
    expect(await answer.locator('.sources .doc-title').innerText()).toBe('黃仁勳逛菜市場 <img src=x onerror=alert(1)>');
    expect(await page.locator('cited-answers-widget img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

describe('scrolling while an answer streams', () => {
  const messages = 'cited-answers-widget .messages';
  const distanceFromBottom = (page: Page) => page.locator(messages).evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
  const paragraphsShown = (page: Page) => page.locator(`${messages} .message.assistant .bubble p`).count();

  it('follows the stream at the bottom, stops when the reader scrolls up, and stays there', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.origin}/`);
    await page.locator('cited-answers-widget textarea#ca-input').fill('Give me a long answer');
    await page.locator('cited-answers-widget textarea#ca-input').press('Enter');
    await expect.poll(() => paragraphsShown(page), { timeout: 15_000 }).toBeGreaterThan(15);
    expect(await distanceFromBottom(page)).toBeLessThan(40);

    const box = (await page.locator(messages).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(() => distanceFromBottom(page)).toBeGreaterThan(200);
    const scrolledTo = await page.locator(messages).evaluate((element) => element.scrollTop);
    const shownThen = await paragraphsShown(page);
    await expect.poll(() => page.locator(messages).getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
    expect(await paragraphsShown(page)).toBeGreaterThan(shownThen);
    expect(await page.locator(messages).evaluate((element) => element.scrollTop)).toBeCloseTo(scrolledTo, -1);
    await page.close();
  });

  it('shows the start of a long answer once it is done', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.origin}/`);
    await page.locator('cited-answers-widget textarea#ca-input').fill('Another long answer');
    await page.locator('cited-answers-widget textarea#ca-input').press('Enter');
    await expect.poll(() => paragraphsShown(page), { timeout: 15_000 }).toBe(longAnswerParagraphs);
    await expect.poll(() => page.locator(messages).getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
    await page.waitForTimeout(100);
    const offset = await page.locator(messages).evaluate((element) => {
      const answer = element.querySelector('.message.assistant:not(.typing)')!;
      return answer.getBoundingClientRect().top - element.getBoundingClientRect().top;
    });
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(30);
    expect(await distanceFromBottom(page)).toBeGreaterThan(200);
    await page.close();
  });
});
