import type { Language } from './types.js';

export interface AnswerTexts {
  /** Opens an offline answer that has no answer span to lead with. */
  lead: string;
  refusal: string;
  /** A refusal naming what the question asks about that no source mentions. */
  unmentioned: (terms: readonly string[]) => string;
  /** Opens a refusal that quotes what the sources say for another year than the one asked. */
  otherYear: (year: string) => string;
  partialFailure: string;
}

/** The fixed sentences the assistant says itself, in each language and script. */
export const answerTexts: Record<Language, AnswerTexts> = {
  en: {
    lead: 'Here is what the sources say:',
    refusal: "The sources don't cover this, so I can't answer it from them.",
    unmentioned: (terms) => `The sources never mention ${terms.map((term) => `“${term}”`).join(' or ')}, so I can't answer this from them.`,
    otherYear: (year) => `The sources don't say this for ${year}. The nearest they come:`,
    partialFailure: 'The answer was interrupted. Please try again.',
  },
  'zh-Hant': {
    lead: '根據資料來源：',
    refusal: '資料來源沒有提到這一點，所以我無法根據它們回答。',
    unmentioned: (terms) => `資料來源沒有提到${terms.map((term) => `「${term}」`).join('或')}，所以我無法根據它們回答。`,
    otherYear: (year) => `資料來源沒有提到${year}年的情況。最接近的是：`,
    partialFailure: '回答中斷了，請再試一次。',
  },
  'zh-Hans': {
    lead: '根据资料来源：',
    refusal: '资料来源没有提到这一点，所以我无法根据它们回答。',
    unmentioned: (terms) => `资料来源没有提到${terms.map((term) => `「${term}」`).join('或')}，所以我无法根据它们回答。`,
    otherYear: (year) => `资料来源没有提到${year}年的情况。最接近的是：`,
    partialFailure: '回答中断了，请再试一次。',
  },
};
