import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer, pickInformative } from './build-extractive-answer.js';
import { weighQuestionTokens } from './keyword-coverage.js';
import { normalizeSearchText } from './normalize-search-text.js';
import type { Language, RetrievedPassage } from './types.js';

/** The answer's text, or undefined when it refuses with nothing to cite. */
function answerOf(...args: Parameters<typeof buildExtractiveAnswer>): string | undefined {
  return buildExtractiveAnswer(...args)?.text;
}

function hit(text: string, language: Language): RetrievedPassage {
  return {
    passage: { id: 'd#p-1', docId: 'd', paragraph: 1, chunk: 0, text, searchText: normalizeSearchText(text), kind: 'body', language, title: 'T', start: 0, end: text.length },
    score: 1,
    relevance: 1,
  };
}

describe('buildExtractiveAnswer', () => {
  it.each([
    {
      language: 'en' as const,
      question: 'How much did SoftBank invest in OpenAI?',
      passage: 'Recently, SoftBank contributed $500 million to a round of financing for OpenAI. Graphcore is hiring.',
      answer: '**$500 million**, according to the sources:\n\n- “Recently, SoftBank contributed $500 million to a round of financing for OpenAI.”[1]',
    },
    {
      language: 'zh-Hant' as const,
      question: '韓國要擴充多少個高性能GPU？',
      passage: '崔相穆出席會議。他表示，將在明年上半年之前擴充1.8萬個高性能GPU的處理能力。',
      answer: '根據資料來源：**1.8萬個**\n\n- 「崔相穆出席會議。他表示，將在明年上半年之前擴充1.8萬個高性能GPU的處理能力。」[1]',
    },
    {
      language: 'zh-Hans' as const,
      question: '韩国要扩充多少个高性能GPU？',
      passage: '崔相穆出席會議。他表示，將在明年上半年之前擴充1.8萬個高性能GPU的處理能力。',
      answer: '根据资料来源：**1.8萬個**\n\n- 「崔相穆出席會議。他表示，將在明年上半年之前擴充1.8萬個高性能GPU的處理能力。」[1]',
    },
  ])('leads with the answer span in bold, then quotes the best sentence verbatim ($language)', ({ language, question, passage, answer }) => {
    expect(answerOf(question, [hit(passage, language)], language)).toBe(answer);
  });

  it.each([
    {
      name: 'a window that opens with "This" is quoted with the sentence it points to',
      language: 'en' as const,
      question: 'What provides a solution to a list of integers that need to be sorted?',
      passage: 'For example, consider the deterministic sorting algorithm quicksort. This solves the problem of sorting a list of integers that is given as the input. The worst case is a sorted input.',
      quote: 'For example, consider the deterministic sorting algorithm quicksort. This solves the problem of sorting a list of integers that is given as the input.',
    },
    {
      name: 'a Chinese window that opens with 它',
      language: 'zh-Hans' as const,
      question: '哪种鱼的体长可达七十六公分？',
      passage: '白尾雀鲷是一种海水鱼。它的体长可达七十六公分，栖息在珊瑚礁。',
      quote: '白尾雀鲷是一种海水鱼。它的体长可达七十六公分，栖息在珊瑚礁。',
    },
    {
      name: 'a next sentence that goes on about the same thing and holds an asked-about word',
      language: 'en' as const,
      question: 'What hypothesis is associated with the class P viewed as a mathematical abstraction of efficient computation?',
      passage: 'The complexity class P is often seen as a mathematical abstraction modeling those computational tasks that admit an efficient algorithm. This hypothesis is called the Cobham–Edmonds thesis. The class NP is different.',
      quote: 'The complexity class P is often seen as a mathematical abstraction modeling those computational tasks that admit an efficient algorithm. This hypothesis is called the Cobham–Edmonds thesis.',
    },
    {
      name: 'a next sentence that goes on about the same thing but adds no asked-about word is left out',
      language: 'en' as const,
      question: 'Who founded NVIDIA in 1993?',
      passage: 'NVIDIA was founded in 1993 by Jensen Huang. It is based in Santa Clara.',
      quote: 'NVIDIA was founded in 1993 by Jensen Huang.',
    },
    {
      name: 'an "it" that announces a clause points nowhere',
      language: 'en' as const,
      question: 'What did the survey find about sleep?',
      passage: 'The survey was run in May. It is believed that the survey found most adults sleep too little.',
      quote: 'It is believed that the survey found most adults sleep too little.',
    },
  ])('$name', ({ question, passage, language, quote }) => {
    const lines = answerOf(question, [hit(passage, language)], language)!.split('\n').filter((line) => line.startsWith('- '));
    expect(lines[0]!.slice(3, lines[0]!.lastIndexOf('[') - 1)).toBe(quote);
  });

  it.each([
    { name: 'the span in the unit the question counts in', language: 'zh-Hans' as const, question: '广茂铁路全长多少公里？', passage: '广茂铁路共设49座车站，全长364.6公里。', lead: '364.6公里' },
    { name: 'the span beside the question\'s words', language: 'zh-Hant' as const, question: '新北市第一任市長在何時成功連任？', passage: '朱立倫於2010年當選新北市第一任市長，並於2014年成功連任。', lead: '2014年' },
    { name: 'the year beside the asked event, in English', language: 'en' as const, question: 'When did the Normans invade Ireland?', passage: 'In 1066 the Normans conquered England, and in 1169 they invaded Ireland at Bannow Bay.', lead: '1169' },
  ])('leads with $name', ({ question, passage, language, lead }) => {
    expect(answerOf(question, [hit(passage, language)], language)).toContain(`**${lead}**`);
  });

  it('quotes only passages that name every name the question asks about, when some do', () => {
    const passage = (id: string, text: string): RetrievedPassage => ({ ...hit(text, 'zh-Hans'), passage: { ...hit(text, 'zh-Hans').passage, id } });
    const japan = passage('a#p-1', '黄仁勋4日和日本首相岸田文雄会面。');
    const shanghai = passage('b#p-1', '黄仁勋已于1月15日参加了英伟达上海公司的年会。');
    // Retrieval's check: the passage names 上海 (the question's "Shanghai", through the lexicon).
    const namesAll = (searchText: string) => searchText.includes('上海');
    const question = '黄仁勋何时和日本首相在上海会面？';
    expect(answerOf(question, [japan, shanghai], 'zh-Hans')).toContain('岸田');
    const answer = answerOf(question, [japan, shanghai], 'zh-Hans', { namesAll });
    expect(answer).not.toContain('岸田');
    expect(answer).toContain('**1月15日**');
    // With no passage naming them all, nothing changes.
    expect(answerOf(question, [japan], 'zh-Hans', { namesAll })).toContain('岸田');
  });

  it('returns undefined when no sentence covers the question, so the caller refuses', () => {
    expect(answerOf('Who won the football match?', [hit('SoftBank invested in OpenAI.', 'en')], 'en')).toBeUndefined();
  });

  it('picks quote marks the sentence does not contain', () => {
    const answer = answerOf('上觀新聞分析了什麼', [hit('據「上觀新聞」分析，三件事很重要。', 'zh-Hant')], 'zh-Hant');
    expect(answer).toContain('『據「上觀新聞」分析，三件事很重要。』[1]');
  });
});

describe('the answer first', () => {
  it.each([
    { language: 'en' as const, question: 'When did Jensen Huang visit the market in Pudong?', passage: 'Jensen Huang visited a market in Pudong on January 24th.', lead: '**January 24th**, according to the sources:' },
    { language: 'zh-Hant' as const, question: '輝達在中國AI晶片市場的占有率是多少？', passage: '在中國AI晶片市場上，輝達的市場占有率超過90%。', lead: '根據資料來源：**90%**' },
    { language: 'zh-Hans' as const, question: '日本给Rapidus拨款多少？', passage: '计划包括向Rapidus拨款9200亿日元。', lead: '根据资料来源：**9200亿日元**' },
    { language: 'en' as const, question: 'In what country is Normandy located?', passage: 'Normandy is a region in France.', lead: '**France**, according to the sources:' },
  ])('$language: $question', ({ language, question, passage, lead }) => {
    expect(answerOf(question, [hit(passage, language)], language)?.startsWith(`${lead}\n\n- `)).toBe(true);
  });

  it('keeps the plain lead when the question asks for no kind of span', () => {
    const answer = answerOf('What did SoftBank announce with OpenAI?', [hit('SoftBank announced a joint venture with OpenAI.', 'en')], 'en');
    expect(answer).toBe('Here is what the sources say:\n\n- “SoftBank announced a joint venture with OpenAI.”[1]');
  });
});

describe('overlapping quotes', () => {
  it('never quotes a sentence twice, alone and inside a two-sentence window', () => {
    const text = 'Japanese chip stocks fell on Tuesday. Lasertec dropped by more than 4%, the most. Other news.';
    const answer = answerOf('Which Japanese chip stock fell the most on Tuesday, and by how much?', [hit(text, 'en')], 'en')!;
    const quotes = [...answer.matchAll(/“([^”]+)”/g)].map((match) => match[1]!);
    for (const [index, quote] of quotes.entries()) {
      for (const other of quotes.slice(index + 1)) {
        expect(quote.includes(other) || other.includes(quote)).toBe(false);
      }
    }
    expect(answer).toContain('Lasertec dropped by more than 4%');
  });
});

describe('number questions', () => {
  it.each([
    { name: 'a date is not an answer to "how many"', question: 'How many GPUs will the AI factory contain?', passage: 'On November 13th, 2024, NVIDIA announced the largest AI factory in Japan.', answered: false },
    { name: 'a count is', question: 'How many GPUs will the AI factory contain?', passage: 'The AI factory in Japan will contain 2,000 GPUs.', answered: true },
    { name: 'a count in English words is one', question: 'How many metropolitan areas does the region encompass?', passage: 'The region encompasses seven metropolitan areas, from the coast to the desert.', answered: true },
    { name: 'a year before 1900 is not a count either', question: 'How many ships did the fleet have?', passage: 'The fleet sailed in 1085 after the death of its admiral.', answered: false },
    { name: 'a Chinese date is not a count', question: '輝達承諾供應日本多少顆GPU？', passage: '輝達執行長4日和日本首相會面，承諾供應GPU給日本。', answered: false },
    { name: '"which days" asks for dates, not a count', question: '黄仁勋分别在哪几天参加了公司的年会？', passage: '黄仁勋已于1月15日、17日和19日分别参加了公司的年会。', answered: true },
  ])('$name', ({ question, passage, answered }) => {
    const language = /[A-Za-z]{4}/.test(question) ? 'en' : /[轉輝執會諾顆]/.test(question) ? 'zh-Hant' : 'zh-Hans';
    expect(answerOf(question, [hit(passage, language)], language) !== undefined).toBe(answered);
  });

  it.each([
    { question: 'When did the Zephyrine Bridge open?', passage: 'The Zephyrine Bridge opened to traffic on 3 May 1893 after nine years of work.', answered: true },
    { question: 'When did the Zephyrine Bridge open?', passage: 'The Zephyrine Bridge opened to traffic after nine years of work.', answered: false },
    { question: '英伟达Blackwell芯片是哪天正式发布的？', passage: '英伟达Blackwell芯片正式发布，性能大幅提升。', answered: false },
    { question: '英伟达Blackwell芯片是哪天正式发布的？', passage: '英伟达Blackwell芯片于3月18日正式发布。', answered: true },
    { question: '扁尾海蛇通常在什么时候出没？', passage: '扁尾海蛇通常在夜间出没，白天躲在岩缝中。', answered: true },
    { question: '扁尾海蛇通常在什么时候出没？', passage: '扁尾海蛇通常出没于珊瑚礁附近。', answered: false },
    { question: 'When do barn owls hunt?', passage: 'Barn owls hunt mostly at night, over open fields.', answered: true },
    { question: 'When did Herve serve as a general?', passage: 'Herve served as a general in the 1050s.', answered: true },
    { question: '天皇的电视演说是在几月几日？', passage: '天皇于三月十六日发表电视演说。', answered: true },
    { question: "What is NVIDIA's share price today?", passage: "NVIDIA's share price rose 240% over 2023.", answered: false },
    { question: "What is NVIDIA's share price today?", passage: "NVIDIA's share price is 120 dollars today.", answered: true },
  ])('a "when"/"today" question needs a date or today in the quote: $passage', ({ question, passage, answered }) => {
    const language = /\p{Script=Han}/u.test(question) ? 'zh-Hans' as const : 'en' as const;
    expect(answerOf(question, [hit(passage, language)], language) !== undefined).toBe(answered);
  });
});

describe('what the question cannot do without', () => {
  it('widens a window by a sentence to take in the name the question asks about', () => {
    const text = 'Rapidus is a chip maker based in Hokkaido. The fund gave it 920 billion yen. Other firms got less.';
    const answer = buildExtractiveAnswer('How much did the fund give Rapidus?', [hit(text, 'en')], 'en');
    expect(answer?.refusal).toBeUndefined();
    expect(answer?.text).toContain('“Rapidus is a chip maker based in Hokkaido. The fund gave it 920 billion yen.”[1]');
  });

  it('takes a sentence that names the asked-about person by a pronoun, when the sentences just before name them', () => {
    // The sentence before is too long to quote with it (the window would pass 400 characters).
    const text = 'Having obtained the consent of pope Gregory VII and acting as his vassal, and after long talks with the bishops of Apulia, Calabria and Sicily about the lands he held and the tribute he owed to Rome each year, Robert continued his campaign conquering the Balkan peninsula as a foothold for western feudal lords and the Catholic Church. After allying himself with Croatia and the Catholic cities of Dalmatia, in 1081 he led an army of 30,000 men in 300 ships landing on the southern shores of Albania.';
    const answer = buildExtractiveAnswer("How many men were in Robert's army?", [hit(text, 'en')], 'en');
    expect(answer?.text).toContain('30,000 men');
    // Without a pronoun the sentence is about someone else.
    const other = text.replace('in 1081 he led', 'in 1081 Bohemond led');
    expect(buildExtractiveAnswer("How many men were in Robert's army?", [hit(other, 'en')], 'en')?.text ?? '').not.toContain('30,000 men');
  });

  it.each([
    { language: 'en' as const, question: "What was NVIDIA's revenue in 2025?", passage: "NVIDIA's revenue in fiscal 2024 was $60.9 billion.", lead: "The sources don't say this for 2025. The nearest they come:" },
    { language: 'zh-Hant' as const, question: '輝達2025年的營收是多少？', passage: '2024會計年度,輝達在中國市場的營收為170億美元。', lead: '資料來源沒有提到2025年的情況。最接近的是：' },
    { language: 'zh-Hans' as const, question: '英伟达2025年的营收是多少？', passage: '2024会计年度,英伟达在中国市场的营收为170亿美元。', lead: '资料来源没有提到2025年的情况。最接近的是：' },
  ])('refuses a question for a year the sources do not give, quoting the year they do ($language)', ({ language, question, passage, lead }) => {
    const answer = buildExtractiveAnswer(question, [hit(passage, language)], language);
    expect(answer?.refusal).toMatch(/2025/);
    expect(answer?.text.startsWith(`${lead}\n\n- `)).toBe(true);
    expect(answer?.text).toContain(`${passage}`);
    expect(answer?.text).toMatch(/\[1\]$/);
  });
});

describe('a sentence read with what its passage said before it', () => {
  it.each([
    { language: 'en' as const, question: 'What does the barreleye hunt?', passage: 'The barreleye is a fish. Its eyes look up through a clear dome on its head. It hunts small jellyfish and drifting crustaceans.', answer: 'It hunts small jellyfish and drifting crustaceans.' },
    { language: 'zh-Hant' as const, question: '白尾雀鯛分布在哪些海域？', passage: '白尾雀鯛為雀鯛科魚類。其體呈橢圓形，尾鰭白色。本魚分布於印度洋及太平洋海域。', answer: '本魚分布於印度洋及太平洋海域。' },
    { language: 'zh-Hans' as const, question: '白尾雀鲷分布在哪些海域？', passage: '白尾雀鲷为雀鲷科鱼类。其体呈椭圆形，尾鳍白色。本鱼分布于印度洋及太平洋海域。', answer: '本鱼分布于印度洋及太平洋海域。' },
  ])('quotes first the sentence that answers, whose subject the passage named before ($language)', ({ language, question, passage, answer }) => {
    const text = buildExtractiveAnswer(question, [hit(passage, language)], language)?.text ?? '';
    const firstQuote = text.split('\n').find((line) => line.startsWith('- '));
    expect(firstQuote).toContain(answer);
  });
});

describe('second and third quotes', () => {
  it('prefer a sentence with the asked-about words over another that only names the subject again', () => {
    const question = weighQuestionTokens(normalizeSearchText('楼曾瑞毕业于哪个大学？'));
    const candidates = [
      { text: '楼曾瑞是前香港英文中学联会主席。', score: 0.9 },
      { text: '楼曾瑞接受《明报》访问时，曾表示不满。', score: 0.85 },
      { text: '楼曾瑞并表示，学校怎样讲都不及学生看电影。', score: 0.84 },
      { text: '他于12岁时来港，并在1981年毕业于香港中文大学数学系。', score: 0.8 },
    ];
    expect(pickInformative(candidates, 3, question).map((quote) => quote.score)).toEqual([0.9, 0.8, 0.85]);
  });
});
