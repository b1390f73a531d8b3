import type { Language } from './types.js';

/** The fixed sentences the assistant says itself, in each language and script. */
export const answerTexts: Record<Language, { lead: string; refusal: string; partialFailure: string }> = {
  en: {
    lead: 'Here is what the sources say:',
    refusal: "The sources don't cover this, so I can't answer it from them.",
    partialFailure: 'The answer was interrupted. Please try again.',
  },
  'zh-Hant': {
    lead: '根據資料來源：',
    refusal: '資料來源沒有提到這一點，所以我無法根據它們回答。',
    partialFailure: '回答中斷了，請再試一次。',
  },
  'zh-Hans': {
    lead: '根据资料来源：',
    refusal: '资料来源没有提到这一点，所以我无法根据它们回答。',
    partialFailure: '回答中断了，请再试一次。',
  },
};
