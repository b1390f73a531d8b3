import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The widget's host element; playwright's CSS locators pierce its open shadow root. */
export const widget = 'cited-answers-widget';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
export const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

/** A new page at `url`, recording any alert() the page raises. */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = { viewport: { width: 1200, height: 860 } }): Promise<{ page: Page; dialogs: string[] }> {
  const page = await browser.newPage(options);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  return { page, dialogs };
}

/** Asks through the composer and waits for the answer to finish streaming. */
export async function ask(page: Page, question: string): Promise<void> {
  const answers = page.locator(`${widget} .message.assistant:not(.typing)`);
  const before = await answers.count();
  await page.locator(`${widget} textarea#ca-input`).fill(question);
  await page.locator(`${widget} textarea#ca-input`).press('Enter');
  await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(before + 1);
  await expect.poll(() => page.locator(`${widget} .messages`).getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
}

export interface AskedAnswer {
  answer: string;
  refused: boolean;
  citations: Array<{ n: number; docId: string; paragraph: number; start: number; end: number; quote: string; url: string; title: string }>;
  /** Follow-up questions the widget offers under the answer. */
  suggestions: string[];
}

/** The same question through the JSON API, for the answer the widget should show. */
export async function askApi(apiUrl: string, question: string): Promise<AskedAnswer> {
  const response = await fetch(`${apiUrl}/api/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question }) });
  return (await response.json()) as AskedAnswer;
}

/** axe-core's serious and critical findings on the page (the widget's shadow root included). */
export async function findSeriousAxeViolations(page: Page): Promise<Array<{ id: string; impact: string; targets: unknown }>> {
  // Evaluated rather than added as a <script>: the demo page's CSP rightly refuses inline scripts.
  await page.evaluate(await readFile(axePath, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Writes `test-results/<name>.png` (gitignored). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir('test-results', { recursive: true });
  const file = path.join('test-results', `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
