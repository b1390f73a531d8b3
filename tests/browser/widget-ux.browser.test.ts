import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleQuestions, labels } from '../../src/widget/labels.js';
import type { AnswerServer } from './support/start-answer-server.js';
import type { PageServer } from './support/start-page-server.js';
import { startWidgetHarness, type WidgetHarness } from './support/start-widget-harness.js';
import { ask, askApi, desktop, findSeriousAxeViolations, openPage, phone, saveScreenshot, widget } from './support/widget-page.js';

const languages = ['en', 'zh-Hant', 'zh-Hans'] as const;
const refusedQuestion = 'What is the weather in Paris tomorrow?';

let browser: Browser;
let api: AnswerServer;
let publisher: PageServer;
let harness: WidgetHarness | undefined;

beforeAll(async () => {
  harness = await startWidgetHarness();
  ({ browser, api, publisher } = harness);
});

afterAll(() => harness?.close());

/** The publisher page with the widget's script tag carrying `attributes`. */
const hostUrl = (attributes: string) => `${publisher.origin}/?attributes=${encodeURIComponent(attributes)}`;
const panelBackground = (page: Page) => page.locator(`${widget} #ca-panel`).evaluate((element) => getComputedStyle(element).backgroundColor);

describe('the answer', () => {
  it('scopes the feedback comment form: full width, left-aligned, no composer border', async () => {
    const { page } = await openPage(browser, hostUrl('data-open'), desktop);
    await ask(page, 'How much did SoftBank invest in OpenAI?');
    const answer = page.locator(`${widget} .message.assistant`).last();
    await answer.locator('.icon-button[aria-label="Not helpful"]').click();
    const layout = await answer.locator('form.comment').evaluate((form) => {
      const box = (element: Element) => element.getBoundingClientRect();
      const label = form.querySelector('label')!;
      const textarea = form.querySelector('textarea')!;
      return {
        borderTop: getComputedStyle(form).borderTopWidth,
        formLeft: box(form).left,
        formWidth: box(form).width,
        labelLeft: box(label).left,
        textareaLeft: box(textarea).left,
        textareaWidth: box(textarea).width,
      };
    });
    expect(layout.borderTop).toBe('0px');
    expect(layout.labelLeft).toBeCloseTo(layout.formLeft, 0);
    expect(layout.textareaLeft).toBeCloseTo(layout.formLeft, 0);
    expect(layout.textareaWidth).toBeGreaterThan(layout.formWidth * 0.95);
    await page.close();
  });

  it('lists each article once, then each citation with its paragraph and a one-line quote', async () => {
    const question = '日本首相向黃仁勳要求什麼？';
    const { page } = await openPage(browser, hostUrl('data-open data-language="zh-Hant"'), desktop);
    await ask(page, question);
    const expected = await askApi(api.url, question);
    const documents = [...new Set(expected.citations.map((citation) => citation.docId))];
    expect(expected.citations.length).toBeGreaterThan(documents.length);
    const sources = page.locator(`${widget} .message.assistant`).last().locator('.sources');
    expect(await sources.locator('.doc-title').allInnerTexts()).toEqual(documents.map((docId) => expected.citations.find((citation) => citation.docId === docId)!.title));
    const rows = await sources.locator('ol li').evaluateAll((items) =>
      items.map((item) => {
        const snippet = item.querySelector('.snippet') as HTMLElement;
        return {
          n: item.querySelector('.chip')!.textContent,
          paragraph: item.querySelector('.para')!.textContent,
          quote: snippet.textContent,
          lines: Math.round(snippet.getBoundingClientRect().height / parseFloat(getComputedStyle(snippet).lineHeight)),
        };
      }),
    );
    const byNumber = new Map(rows.map((row) => [row.n, row]));
    for (const citation of expected.citations) {
      expect(byNumber.get(String(citation.n))).toEqual({ n: String(citation.n), paragraph: `¶${citation.paragraph}`, quote: citation.quote, lines: 1 });
    }
    await page.close();
  });

  it('wraps long titles between words, never inside one', async () => {
    const question = 'How much did SoftBank invest in OpenAI?';
    const { page } = await openPage(browser, hostUrl('data-open'), { viewport: { width: 390, height: 844 } });
    await page.locator(`${widget} .launcher`).click();
    await ask(page, question);
    const { title } = (await askApi(api.url, question)).citations[0]!;
    const titleLink = page.locator(`${widget} .message.assistant`).last().locator('.sources .doc-title').first();
    expect(await titleLink.innerText()).toBe(title);
    // Where the line changes, the character before it must be a space.
    const breaks = await titleLink.evaluate((element) => {
      const text = element.firstChild as Text;
      const range = document.createRange();
      const found: string[] = [];
      let lastTop: number | undefined;
      for (let index = 0; index < text.length; index++) {
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        const rect = range.getClientRects()[0];
        if (!rect || text.data[index] === ' ') continue;
        if (lastTop !== undefined && rect.top > lastTop + 2) found.push(text.data.slice(Math.max(0, index - 1), index + 1));
        lastTop = rect.top;
      }
      return found;
    });
    expect(breaks.length).toBeGreaterThan(0);
    for (const pair of breaks) expect(pair[0]).toBe(' ');
    await page.close();
  });

  it('answers a refusal once, then offers what it can answer, which it then answers', async () => {
    const expected = await askApi(api.url, refusedQuestion);
    expect(expected.refused).toBe(true);
    const { page } = await openPage(browser, hostUrl('data-open'), desktop);
    await ask(page, refusedQuestion);
    const answer = page.locator(`${widget} .message.assistant`).last();
    const text = await answer.innerText();
    expect(text.split("The sources don't cover this").length - 1).toBe(1);
    expect(await answer.locator('.notice').count()).toBe(0);
    expect(await answer.locator('.hint').innerText()).toContain(labels.en.refused);
    await expect.poll(() => answer.locator('.knows').innerText()).toBe('I know 5 articles in English, Traditional Chinese, and Simplified Chinese.');
    expect(await answer.locator('.example').allInnerTexts()).toEqual(exampleQuestions.en);
    await saveScreenshot(page, 'refusal-en-light-1280x800');
    await answer.locator('.example').first().click();
    await expect.poll(() => page.locator(`${widget} .message.assistant`).count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.locator(`${widget} .message.assistant`).last().locator('.sources .chip').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('a refusal that quotes what the sources give nearby says so, instead of saying what the assistant knows', async () => {
    const question = '英伟达2025年的营收是多少？';
    const expected = await askApi(api.url, question);
    expect(expected.refused).toBe(true);
    const { page } = await openPage(browser, hostUrl('data-open'), desktop);
    await ask(page, question);
    const answer = page.locator(`${widget} .message.assistant`).last();
    await expect.poll(() => answer.locator('.hint').count(), { timeout: 30_000 }).toBe(1);
    const hint = await answer.locator('.hint').innerText();
    expect(hint).toContain(labels.en.refusedNearby);
    expect(hint).not.toContain(labels.en.refused);
    expect(await answer.locator('.hint .knows').count()).toBe(0);
    expect(await answer.locator('.sources .chip').count()).toBe(1);
    expect(await answer.locator('.example').allInnerTexts()).toEqual(exampleQuestions.en);
    await page.close();
  });

  it.each([
    ['zh-Hant', '日本首相向黃仁勳要求什麼？', '「', '」'],
    ['en', 'How much did SoftBank invest in OpenAI?', '“', '”'],
  ])('marks a %s quote in the tooltip with the quote marks of its language', async (language, question, open, close) => {
    const { page } = await openPage(browser, hostUrl(`data-open data-language="${language}"`), desktop);
    await ask(page, question);
    await page.locator(`${widget} .message.assistant .bubble .chip`).first().hover();
    const quote = page.locator(`${widget} .tip q`);
    await expect.poll(() => quote.isVisible()).toBe(true);
    // ::before and ::after are open-quote and close-quote; `quotes` decides which characters those are.
    const marks = await quote.evaluate((element) => [getComputedStyle(element, '::before').content, getComputedStyle(element).quotes]);
    expect(marks[0]).toBe('open-quote');
    expect(marks[1]!.startsWith(`"${open}" "${close}"`)).toBe(true);
    await page.close();
  });
});

describe('the interface in each language', () => {
  it.each(languages)('%s: examples, placeholder, empty state and "what I know" in the language, each example answered', async (language) => {
    const { page } = await openPage(browser, hostUrl(`data-open data-language="${language}"`), desktop);
    const text = labels[language];
    expect(await page.locator(`${widget} textarea#ca-input`).getAttribute('placeholder')).toBe(text.placeholder);
    expect(await page.locator(`${widget} .empty .lead`).innerText()).toBe(text.emptyTitle);
    const shown = await page.locator(`${widget} .empty .example`).allInnerTexts();
    expect(shown).toEqual(exampleQuestions[language]);
    expect(shown.every((question) => /\p{Script=Han}/u.test(question))).toBe(language !== 'en');
    const knows = { en: 'I know 5 articles in English, Traditional Chinese, and Simplified Chinese.', 'zh-Hant': '我知道 5 篇英文、繁體中文和簡體中文文章。', 'zh-Hans': '我知道 5 篇英语、繁体中文和简体中文文章。' }[language];
    await expect.poll(() => page.locator(`${widget} .empty .knows`).innerText()).toBe(knows);
    for (const question of shown) {
      const answer = await askApi(api.url, question);
      expect({ question, refused: answer.refused }).toEqual({ question, refused: false });
      expect(answer.citations.length).toBeGreaterThan(0);
    }
    await page.close();
  });
});

describe('errors', () => {
  it.each([
    ['network', labels.en.network, undefined],
    ['forbidden', labels.en.forbidden, 403],
    ['rate-limited', labels.en.rateLimited, 429],
    ['server', labels.en.serverError, 500],
  ] as const)('%s: its own message and a retry that works', async (name, message, status) => {
    const { page } = await openPage(browser, `${api.url}/`, desktop);
    await page.route(`${api.url}/api/chat`, (route) =>
      status === undefined ? route.abort('connectionrefused') : route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error: { code: name, message: 'refused by the test' } }) }),
    );
    await page.locator(`${widget} textarea#ca-input`).fill('How much did SoftBank invest in OpenAI?');
    await page.locator(`${widget} textarea#ca-input`).press('Enter');
    const alert = page.locator(`${widget} [role=alert]`);
    await expect.poll(() => alert.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await alert.locator('p').innerText()).toContain(message);
    await saveScreenshot(page, `error-${name}-en-light-1280x800`);
    await page.unroute(`${api.url}/api/chat`);
    await alert.locator('button').click();
    await expect.poll(() => page.locator(`${widget} .message.assistant:not(.typing) .sources .chip`).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await alert.isVisible()).toBe(false);
    await page.close();
  });
});

describe('dark mode', () => {
  it('follows prefers-color-scheme unless data-theme says otherwise, and follows the page theme as it changes', async () => {
    const dark = 'rgb(22, 25, 29)';
    const light = 'rgb(255, 255, 255)';
    const cases: Array<[string, 'light' | 'dark', string]> = [
      ['data-open', 'dark', dark],
      ['data-open', 'light', light],
      ['data-open data-theme="light"', 'dark', light],
      ['data-open data-theme="dark"', 'light', dark],
    ];
    for (const [attributes, colorScheme, expected] of cases) {
      const { page } = await openPage(browser, hostUrl(attributes), { ...desktop, colorScheme });
      expect({ attributes, colorScheme, background: await panelBackground(page) }).toEqual({ attributes, colorScheme, background: expected });
      await page.close();
    }
    const { page } = await openPage(browser, hostUrl('data-open'), { ...desktop, colorScheme: 'light' });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expect.poll(() => panelBackground(page)).toBe(dark);
    await page.close();
  });
});

describe('screenshots', () => {
  const sizes = [
    ['1280x800', desktop],
    ['390x844', phone],
  ] as const;
  it.each(languages)('%s at both sizes, light and dark, with an answer; axe finds nothing serious', async (language) => {
    for (const [size, viewport] of sizes) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page, dialogs } = await openPage(browser, hostUrl(`data-open data-language="${language}"`), { ...viewport, colorScheme });
        const launcher = page.locator(`${widget} .launcher`);
        if (await launcher.isVisible()) await launcher.click();
        await ask(page, exampleQuestions[language][0]!);
        await saveScreenshot(page, `widget-${language}-${colorScheme}-${size}`);
        const violations = await findSeriousAxeViolations(page);
        expect({ language, size, colorScheme, violations }).toEqual({ language, size, colorScheme, violations: [] });
        expect(dialogs).toEqual([]);
        await page.close();
      }
    }
  });

  it('the refusal on a phone in the dark', async () => {
    const { page } = await openPage(browser, hostUrl('data-open'), { ...phone, colorScheme: 'dark' });
    await page.locator(`${widget} .launcher`).click();
    await ask(page, refusedQuestion);
    await expect.poll(() => page.locator(`${widget} .hint .knows`).innerText()).not.toBe('');
    await saveScreenshot(page, 'refusal-en-dark-390x844');
    expect(await findSeriousAxeViolations(page)).toEqual([]);
    await page.close();
  });
});
