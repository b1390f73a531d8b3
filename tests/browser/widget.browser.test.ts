import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../src/ports.js';
import { launchChromium } from './support/launch-chromium.js';
import { startAnswerServer, type AnswerServer } from './support/start-answer-server.js';
import { renderHostPage, startPageServer, type PageServer } from './support/start-page-server.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const widget = 'cited-answers-widget';

let browser: Browser;
let api: AnswerServer;
let publisher: PageServer;
let stranger: PageServer;

beforeAll(async () => {
  // Two publisher sites on their own origins: one listed in ALLOWED_ORIGINS, one not.
  const page = (request: { url?: string }, response: import('node:http').ServerResponse) => {
    const attributes = new URL(request.url ?? '/', 'http://x').searchParams.get('attributes') ?? '';
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(renderHostPage(`${api.url}/widget.js`, attributes));
  };
  publisher = await startPageServer(page);
  stranger = await startPageServer(page);
  [api, browser] = await Promise.all([startAnswerServer({ allowedOrigins: [publisher.origin] }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([api?.close(), publisher?.close(), stranger?.close()]);
});

async function openPage(url: string): Promise<{ page: Page; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url);
  return { page, dialogs };
}

/** Asks through the composer and waits for the answer to finish streaming. */
async function ask(page: Page, question: string): Promise<void> {
  const answers = page.locator(`${widget} .message.assistant:not(.typing)`);
  const before = await answers.count();
  await page.locator(`${widget} textarea#ca-input`).fill(question);
  await page.locator(`${widget} textarea#ca-input`).press('Enter');
  await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(before + 1);
  await expect.poll(() => page.locator(`${widget} .messages`).getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
}

async function askApi(question: string) {
  const response = await fetch(`${api.url}/api/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question }) });
  return (await response.json()) as { answer: string; refused: boolean; citations: Array<{ n: number; docId: string; paragraph: number; start: number; end: number; quote: string; url: string }> };
}

describe('the embedded widget', () => {
  it('embeds on another origin, answers in each script with the citations the API sent', async () => {
    const { page, dialogs } = await openPage(`${publisher.origin}/`);
    const launcher = page.locator(`${widget} .launcher`);
    await launcher.click();
    await expect.poll(() => page.locator(`${widget} [role=dialog]`).isVisible()).toBe(true);
    // Focus moves into the dialog, and the page's hostile CSS does not reach it.
    expect(await page.evaluate(() => document.querySelector('cited-answers-widget')!.shadowRoot!.activeElement?.id)).toBe('ca-input');
    const sendButtonBackground = await page.locator(`${widget} .send`).evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(sendButtonBackground).toBe('rgb(31, 95, 191)');

    for (const question of ['How much did SoftBank invest in OpenAI?', '韩国计划扩充多少个高性能GPU？', '輝達2024會計年度在中國市場的營收是多少？']) {
      await ask(page, question);
      const answer = page.locator(`${widget} .message.assistant`).last();
      const expected = await askApi(question);
      expect(expected.refused).toBe(false);
      const chipNumbers = await answer.locator('.bubble .chip').allTextContents();
      const sourceNumbers = await answer.locator('.sources .chip').allTextContents();
      const sourceLinks = await answer.locator('.sources .chip').evaluateAll((chips) => chips.map((chip) => (chip as HTMLAnchorElement).href));
      expect(chipNumbers.length).toBeGreaterThan(0);
      expect(new Set(chipNumbers)).toEqual(new Set(sourceNumbers));
      expect(sourceNumbers).toEqual(expected.citations.map((citation) => String(citation.n)));
      expect(sourceLinks).toEqual(
        expected.citations.map((citation) => `${api.url}/sources/${citation.docId}?hl=${encodeURIComponent(`${citation.paragraph}:${citation.start}-${citation.end}`)}#p-${citation.paragraph}`),
      );
      expect(await answer.locator('.bubble').innerText()).toContain(expected.citations[0]!.quote);
    }
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows the quote on hover and opens the highlighted paragraph on click', async () => {
    const { page } = await openPage(`${publisher.origin}/?attributes=data-open`);
    await ask(page, 'How much did SoftBank invest in OpenAI?');
    const chip = page.locator(`${widget} .message.assistant .bubble .chip`).first();
    await chip.hover();
    const tip = page.locator(`${widget} .tip`);
    await expect.poll(() => tip.isVisible()).toBe(true);
    const expected = (await askApi('How much did SoftBank invest in OpenAI?')).citations[0]!;
    expect(await tip.locator('q').innerText()).toBe(expected.quote);

    const [source] = await Promise.all([page.context().waitForEvent('page'), chip.click()]);
    await source.waitForLoadState();
    expect(source.url()).toContain(`#p-${expected.paragraph}`);
    const target = await source.evaluate(() => {
      const paragraph = document.querySelector('p:target');
      return { id: paragraph?.id, mark: paragraph?.querySelector('mark')?.textContent };
    });
    expect(target).toEqual({ id: `p-${expected.paragraph}`, mark: expected.quote });
    await source.close();
    await page.close();
  });

  it('keeps the conversation for follow-ups and across reloads, and records feedback', async () => {
    const { page } = await openPage(`${publisher.origin}/?attributes=data-open`);
    await page.locator(`${widget} .icon-button[aria-label="New conversation"]`).click();
    await ask(page, 'How much did SoftBank invest in OpenAI?');
    const sent: Array<{ messages: Array<{ role: string }> }> = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/chat')) sent.push(request.postDataJSON());
    });
    await ask(page, 'When did SoftBank make that investment?');
    expect(sent[0]!.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(await page.locator(`${widget} .message`).count()).toBe(4);

    await page.reload();
    await expect.poll(() => page.locator(`${widget} .message`).count()).toBe(4);
    expect(await page.locator(`${widget} .message.user`).first().innerText()).toBe('How much did SoftBank invest in OpenAI?');

    const firstAnswer = page.locator(`${widget} .message.assistant`).first();
    await firstAnswer.locator('.icon-button[aria-label="Helpful"]').click();
    await expect.poll(() => firstAnswer.locator('.status-text').innerText()).toBe('Thanks for the feedback.');
    const records = (await readFile(api.feedbackPath, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as FeedbackRecord);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ rating: 'up', question: 'How much did SoftBank invest in OpenAI?', channel: 'widget' });
    expect(records[0]!.citations.length).toBeGreaterThan(0);
    expect(records[0]!.answer.length).toBeGreaterThan(10);
    await page.close();
  });

  it('keeps HTML in questions inert', async () => {
    const { page, dialogs } = await openPage(`${publisher.origin}/?attributes=data-open`);
    for (const payload of ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>']) {
      await ask(page, payload);
      expect(await page.locator(`${widget} .message.user`).last().innerText()).toBe(payload);
    }
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await page.locator(`${widget} img`).count()).toBe(0);
    expect(await page.evaluate(() => document.querySelector('cited-answers-widget')!.shadowRoot!.querySelectorAll('img, script').length)).toBe(0);
    await page.close();
  });

  it('shows the refusal of an unlisted origin as an error with a retry', async () => {
    const { page } = await openPage(`${stranger.origin}/?attributes=data-open`);
    await page.locator(`${widget} textarea#ca-input`).fill('How much did SoftBank invest in OpenAI?');
    await page.locator(`${widget} textarea#ca-input`).press('Enter');
    const alert = page.locator(`${widget} [role=alert]`);
    await expect.poll(() => alert.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await alert.innerText()).toContain('This site is not allowed to use the assistant.');
    expect(await alert.locator('button').innerText()).toBe('Retry');
    await page.close();
  });

  it('labels the interface in the page language and closes on Escape', async () => {
    const { page } = await openPage(`${publisher.origin}/?attributes=${encodeURIComponent('data-language="zh-Hant" data-position="bottom-left"')}`);
    const launcher = page.locator(`${widget} .launcher`);
    expect(await launcher.getAttribute('aria-label')).toBe('開啟助理');
    await launcher.press('Enter');
    expect(await page.locator(`${widget} h2`).innerText()).toBe('新聞問答');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(`${widget} [role=dialog]`).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.querySelector('cited-answers-widget')!.shadowRoot!.activeElement?.className)).toBe('launcher');
    await page.close();
  });

  it('serves the demo page with the widget open, and the page passes axe', async () => {
    const { page, dialogs } = await openPage(`${api.url}/`);
    // CSP violations and failed requests show up here; the browser's own favicon probe does not count.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`${response.status()} ${response.url()}`);
    });
    await expect.poll(() => page.locator(`${widget} [role=dialog]`).isVisible()).toBe(true);
    const answers = page.locator(`${widget} .message.assistant:not(.typing)`);
    await page.getByRole('button', { name: '輝達2024會計年度在中國市場的營收是多少？' }).first().click();
    await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator(`${widget} .messages`).getAttribute('aria-busy')).toBe('false');
    await page.locator(`${widget} .message.assistant .bubble .chip`).first().focus();
    await expect.poll(() => page.locator(`${widget} .tip`).isVisible()).toBe(true);
    await mkdir('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', 'widget.png') });
    await page.locator(`${widget} textarea#ca-input`).focus();

    // Evaluated rather than added as a <script>: the demo page's CSP rightly refuses inline scripts.
    await page.evaluate(await readFile(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const result = await axe.run(document);
      return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target) }));
    });
    expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('fits a narrow phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    await page.goto(`${publisher.origin}/?attributes=data-open`);
    const box = await page.locator(`${widget} [role=dialog]`).boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 360, height: 640 });
    await page.close();
  });
});
