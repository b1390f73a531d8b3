import { createOpenAI } from '@ai-sdk/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastUserText, startFakeOpenAIServer, systemText, type FakeOpenAIServer } from '../tests/support/start-fake-openai-server.js';
import { createJudge, judgeAnswer, loadJudgePrompts, splitAnswerSentences, type JudgePrompts } from './judge.js';

let fake: FakeOpenAIServer;
let prompts: JudgePrompts;

beforeAll(async () => {
  fake = await startFakeOpenAIServer();
  prompts = await loadJudgePrompts();
});
afterAll(async () => fake.close());

const model = () => createOpenAI({ apiKey: 'test', baseURL: fake.baseURL }).chat('judge-model');
const citations = [{ n: 1, docId: '001_x', paragraph: 26, passage: 'Recently, SoftBank contributed $500 million to a round of financing for OpenAI.' }];

describe('splitAnswerSentences', () => {
  it.each([
    ['drops the lead line and bullets', 'Here is what the sources say:\n\n- “SoftBank contributed $500 million.”[1]', ['“SoftBank contributed $500 million.”[1]']],
    ['splits prose into sentences', 'SoftBank invested “$500 million”[1]. It was a financing round.', ['SoftBank invested “$500 million”[1].', 'It was a financing round.']],
    ['splits Chinese sentences', '软银投资了「$500 million」[1]。这是一轮融资。', ['软银投资了「$500 million」[1]。', '这是一轮融资。']],
    ['keeps nothing of a refusal', "The sources don't cover this, so I can't answer it from them.", []],
  ])('%s', (_name, answer, expected) => {
    expect(splitAnswerSentences(answer)).toEqual(expected);
  });
});

describe('judgeAnswer', () => {
  it('scores faithfulness as the supported share of sentences and relevance from 1–5', async () => {
    fake.reply = (request) =>
      systemText(request).includes('supported by its sources')
        ? { kind: 'text', content: '```json\n{"verdicts": [{"sentence": 1, "supported": true}, {"sentence": 2, "supported": false}]}\n```' }
        : { kind: 'text', content: '{"relevance": 4}' };
    const verdict = await judgeAnswer(model(), prompts, {
      question: 'How much did SoftBank invest in OpenAI?',
      answer: 'SoftBank put in “$500 million”[1]. Microsoft matched it.',
      refused: false,
      citations,
    });
    expect(verdict).toEqual({
      faithfulness: 0.5,
      relevance: 0.75,
      sentences: [
        { text: 'SoftBank put in “$500 million”[1].', supported: true },
        { text: 'Microsoft matched it.', supported: false },
      ],
      errors: [],
    });
    const faithfulnessRequest = fake.requests.find((request) => systemText(request).includes('supported by its sources'))!;
    expect(lastUserText(faithfulnessRequest)).toContain('[1] Recently, SoftBank contributed $500 million');
    expect(lastUserText(faithfulnessRequest)).toContain('2. Microsoft matched it.');
  });

  it('counts a sentence the judge skipped as unsupported', async () => {
    fake.reply = (request) =>
      systemText(request).includes('supported by its sources')
        ? { kind: 'text', content: '{"verdicts": [{"sentence": 1, "supported": true}]}' }
        : { kind: 'text', content: '{"relevance": 5}' };
    const verdict = await judgeAnswer(model(), prompts, { question: 'q', answer: 'One “a”[1]. Two.', refused: false, citations });
    expect(verdict.faithfulness).toBe(0.5);
    expect(verdict.relevance).toBe(1);
  });

  it('does not judge a refusal', async () => {
    const before = fake.requests.length;
    const verdict = await judgeAnswer(model(), prompts, { question: 'q', answer: "The sources don't cover this.", refused: true, citations: [] });
    expect(verdict).toMatchObject({ faithfulness: null, relevance: null, errors: ['refused: not judged'] });
    expect(fake.requests.length).toBe(before);
  });

  it('reports an unreadable or failed judgement instead of throwing', async () => {
    fake.reply = (request) =>
      systemText(request).includes('supported by its sources') ? { kind: 'text', content: 'I think it is fine.' } : { kind: 'error', status: 500, body: '{}' };
    const verdict = await judgeAnswer(model(), prompts, { question: 'q', answer: 'One “a”[1].', refused: false, citations });
    expect(verdict.faithfulness).toBeNull();
    expect(verdict.relevance).toBeNull();
    expect(verdict.errors.map((error) => error.split(':')[0])).toEqual(['faithfulness', 'relevance']);
  });
});

describe('createJudge', () => {
  it.each([
    [{}, /set EVAL_JUDGE_MODEL/u],
    [{ EVAL_JUDGE_MODEL: 'gpt-4o' }, /needs OPENAI_API_KEY or OPENAI_BASE_URL/u],
  ])('is off without a model and a key: %o', async (environment, reason) => {
    const { judge, reason: why } = await createJudge(environment);
    expect(judge).toBeNull();
    expect(why).toMatch(reason);
  });

  it('is on with a model and a base URL', async () => {
    const { judge, reason } = await createJudge({ EVAL_JUDGE_MODEL: 'judge-model', OPENAI_BASE_URL: fake.baseURL });
    expect(judge?.modelId).toBe('judge-model');
    expect(reason).toBe('on — judge-model');
  });
});
