import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../src/ports.js';
import { launchChromium } from './support/launch-chromium.js';
import { startAnswerServer, type AnswerServer } from './support/start-answer-server.js';
import { startHostPageServer, type PageServer } from './support/start-page-server.js';
import { ask, askApi as askApiAt, desktop, findSeriousAxeViolations, openPage as openPageIn, phone, saveScreenshot, widget } from './support/widget-page.js';

let browser: Browser;
let api: AnswerServer;
let publisher: PageServer;
let stranger: PageServer;

beforeAll(async () => {
  // Two publisher sites on their own origins: one listed in ALLOWED_ORIGINS, one not.
  publisher = await startHostPageServer(() => `${api.url}/widget.js`);
  stranger = await startHostPageServer(() => `${api.url}/widget.js`);
  [api, browser] = await Promise.all([startAnswerServer({ allowedOrigins: [publisher.origin] }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([api?.close(), publisher?.close(), stranger?.close()]);
});

const openPage = (url: string) => openPageIn(browser, url);
const askApi = (question: string) => askApiAt(api.url, question);

describe('the embedded widget', () => {
  it('embeds on another origin, answers in each script with the citations the API sent', async () => {
    const { page, dialogs } = await openPage(`${publisher.origin}/`);
    const launcher = page.locator(`${widget} .launcher`);
    await launcher.click();
    await expect.poll(() => page.locator(`${widget} #ca-panel`).isVisible()).toBe(true);
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
      // The sources list groups citations by article, so its chips are compared by number.
      const sourceLinks = new Map(await answer.locator('.sources .chip').evaluateAll((chips) => chips.map((chip) => [chip.textContent!, (chip as HTMLAnchorElement).href] as const)));
      expect(chipNumbers.length).toBeGreaterThan(0);
      expect(new Set(chipNumbers)).toEqual(new Set(sourceLinks.keys()));
      expect([...sourceLinks.keys()].sort((left, right) => Number(left) - Number(right))).toEqual(expected.citations.map((citation) => String(citation.n)));
      for (const citation of expected.citations) {
        expect(sourceLinks.get(String(citation.n))).toBe(`${api.url}/sources/${citation.docId}?hl=${encodeURIComponent(`${citation.paragraph}:${citation.start}-${citation.end}`)}#p-${citation.paragraph}`);
      }
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
    await expect.poll(() => page.locator(`${widget} #ca-panel`).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.querySelector('cited-answers-widget')!.shadowRoot!.activeElement?.className)).toBe('launcher');
    await page.close();
  });

  it('serves the demo page with the widget open, and the page passes axe', async () => {
    const { page, dialogs } = await openPageIn(browser, `${api.url}/`, desktop);
    // CSP violations and failed requests show up here; the browser's own favicon probe does not count.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`${response.status()} ${response.url()}`);
    });
    await expect.poll(() => page.locator(`${widget} #ca-panel`).isVisible()).toBe(true);
    const answers = page.locator(`${widget} .message.assistant:not(.typing)`);
    await page.getByRole('button', { name: '輝達2024會計年度在中國市場的營收是多少？' }).first().click();
    await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator(`${widget} .messages`).getAttribute('aria-busy')).toBe('false');
    await page.locator(`${widget} .message.assistant .bubble .chip`).first().focus();
    await expect.poll(() => page.locator(`${widget} .tip`).isVisible()).toBe(true);
    await saveScreenshot(page, 'demo-en-light-1280x800');
    await page.locator(`${widget} textarea#ca-input`).focus();
    expect(await findSeriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('on a phone, waits to be opened, fills the screen, and previews a tapped source in a sheet', async () => {
    // The demo page asks for the widget open (data-open), which on a phone would cover the page.
    const { page } = await openPageIn(browser, `${api.url}/`, phone);
    const launcher = page.locator(`${widget} .launcher`);
    await expect.poll(() => launcher.isVisible()).toBe(true);
    expect(await page.locator(`${widget} #ca-panel`).isVisible()).toBe(false);
    await launcher.tap();
    expect(await page.locator(`${widget} #ca-panel`).boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });

    await ask(page, 'How much did SoftBank invest in OpenAI?');
    const expected = (await askApi('How much did SoftBank invest in OpenAI?')).citations[0]!;
    const opened: string[] = [];
    page.context().on('page', (other) => opened.push(other.url()));
    const chip = page.locator(`${widget} .message.assistant .bubble .chip`).first();
    await chip.tap();
    const sheet = page.locator(`${widget} .sheet`);
    await expect.poll(() => sheet.isVisible()).toBe(true);
    await page.waitForTimeout(300);
    expect(opened).toEqual([]);
    expect(await sheet.locator('q').innerText()).toBe(expected.quote);
    const link = sheet.locator('a');
    expect(await link.getAttribute('href')).toBe(await chip.getAttribute('href'));
    await saveScreenshot(page, 'phone-source-sheet');

    const [source] = await Promise.all([page.context().waitForEvent('page'), link.tap()]);
    await source.waitForLoadState();
    expect(source.url()).toContain(`#p-${expected.paragraph}`);
    await source.close();
    await sheet.locator('.icon-button').tap();
    await expect.poll(() => sheet.isVisible()).toBe(false);
    await page.close();
  });
});
