import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/widget/labels.js';
import type { AnswerServer } from './support/start-answer-server.js';
import type { PageServer } from './support/start-page-server.js';
import { startWidgetHarness, type WidgetHarness } from './support/start-widget-harness.js';
import { ask, askApi, desktop, findSeriousAxeViolations, openPage, saveScreenshot, widget } from './support/widget-page.js';

let browser: Browser;
let api: AnswerServer;
let publisher: PageServer;
let harness: WidgetHarness | undefined;

beforeAll(async () => {
  harness = await startWidgetHarness();
  ({ browser, api, publisher } = harness);
});

afterAll(() => harness?.close());

/** The suggestions /api/ask gives for a first question: what the widget must show. */
const suggestionsFor = async (question: string) => (await askApi(api.url, question)).suggestions;

describe('suggested follow-up questions', () => {
  it.each([
    ['zh-Hans', '韩国计划扩充多少个高性能GPU？'],
    ['en', 'What will NVIDIA and SoftBank build in Japan?'],
  ] as const)('%s: appear under the latest answer as buttons, and one clicked gets a cited answer', async (language, question) => {
    const expected = await suggestionsFor(question);
    expect(expected.length).toBeGreaterThanOrEqual(1);
    expect(expected.length).toBeLessThanOrEqual(3);

    const { page } = await openPage(browser, `${publisher.origin}/?attributes=${encodeURIComponent(`data-open data-language="${language}"`)}`, desktop);
    await ask(page, question);
    const answers = page.locator(`${widget} .message.assistant`);
    const followUps = answers.last().locator('.follow-ups');
    expect(await followUps.locator('h3').innerText()).toBe(labels[language].followUps.toUpperCase());
    expect(await followUps.locator('button.example').allInnerTexts()).toEqual(expected);
    expect(await findSeriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, `widget-follow-ups-${language}`);

    const before = await answers.count();
    await followUps.locator('button.example').first().click();
    await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => page.locator(`${widget} .messages`).getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    expect(await page.locator(`${widget} .message.user`).last().innerText()).toContain(expected[0]);
    const followUpAnswer = answers.last();
    expect(await followUpAnswer.locator('.hint').count()).toBe(0);
    expect(await followUpAnswer.locator('.bubble .chip').count()).toBeGreaterThan(0);
    expect(await followUpAnswer.locator('.sources ol li').count()).toBeGreaterThan(0);
    // Only the latest answer offers follow-ups.
    expect(await answers.nth(before - 1).locator('.follow-ups').count()).toBe(0);
    await page.close();
  });
});
