import { afterEach, describe, expect, it } from 'vitest';
import {
  blocksText,
  buttonValue,
  createSlackTestApp,
  eventEnvelope,
  mention,
  postEvent,
  postForm,
  type SlackTestApp,
} from './create-slack-test-app.js';

let current: SlackTestApp | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function start(): Promise<SlackTestApp> {
  current = await createSlackTestApp();
  return current;
}

const japanQuestion = 'How many GPUs will Japan buy?';
const japanSource = 'https://assistant.test/sources/japan-gpus#p-1';

function askCommand(test: SlackTestApp, text: string, responseUrlId = 'command-1'): Promise<Response> {
  return postForm(test.app, '/slack/commands', {
    token: 'legacy',
    team_id: 'T0TEAM',
    channel_id: 'C0CHAN',
    channel_name: 'general',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/ask',
    text,
    response_url: test.fake.responseUrl(responseUrlId),
    trigger_id: '123.456',
  });
}

function clickButton(test: SlackTestApp, action: { actionId: string; value: string; responseUrlId: string; message?: { ts: string; text: string }; ephemeral?: boolean }): Promise<Response> {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0BOB', username: 'bob' },
    team: { id: 'T0TEAM' },
    channel: { id: 'C0CHAN', name: 'general' },
    container: { type: 'message', message_ts: action.message?.ts ?? '1800000999.000100', channel_id: 'C0CHAN', is_ephemeral: action.ephemeral ?? !action.message },
    ...(action.message ? { message: { type: 'message', ...action.message } } : {}),
    response_url: test.fake.responseUrl(action.responseUrlId),
    trigger_id: '123.789',
    actions: [{ type: 'button', action_id: action.actionId, block_id: 'answer_actions', value: action.value, action_ts: '1800001000.000100' }],
  };
  return postForm(test.app, '/slack/interactions', { payload: JSON.stringify(payload) });
}

function responsesTo(test: SlackTestApp, id: string) {
  return test.fake.callsTo('response_url').filter((call) => call.responseUrlId === id);
}

describe('POST /slack/commands', () => {
  it('acks /ask at once with an ephemeral "Searching…" and delivers the answer via response_url', async () => {
    const test = await start();
    const response = await askCommand(test, japanQuestion);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: 'Searching the sources…' });

    const delivered = await test.fake.waitFor(() => responsesTo(test, 'command-1')[0]);
    expect(delivered.body.response_type).toBe('ephemeral');
    const text = blocksText(delivered.body.blocks);
    expect(text).toContain(`*Question:* ${japanQuestion}`);
    expect(text).toContain('Japan will buy 10,000 GPUs');
    expect(text).toContain(`<${japanSource}|Japan plans a national AI cloud>`);
    expect(buttonValue(delivered.body.blocks, 'share_answer')).toBeTruthy();
    expect(buttonValue(delivered.body.blocks, 'feedback_up')).toBeTruthy();
    expect(test.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('answers a signed /ask replayed within 5 minutes once', async () => {
    const test = await start();
    const timestamp = Math.floor(Date.now() / 1_000);
    const fields = { command: '/ask', text: japanQuestion, response_url: test.fake.responseUrl('replayed'), user_id: 'U0ALICE', channel_id: 'C0CHAN', trigger_id: '123.456' };
    const first = await postForm(test.app, '/slack/commands', fields, { timestamp });
    expect(await first.json()).toEqual({ response_type: 'ephemeral', text: 'Searching the sources…' });
    const replay = await postForm(test.app, '/slack/commands', fields, { timestamp });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('');
    await test.fake.waitFor(() => responsesTo(test, 'replayed')[0]);
    await test.background.drain();
    expect(responsesTo(test, 'replayed')).toHaveLength(1);
    // The same question asked again (a new invocation, new timestamp) is answered again.
    const again = await postForm(test.app, '/slack/commands', { ...fields, trigger_id: '123.457' }, { timestamp });
    expect(await again.json()).toEqual({ response_type: 'ephemeral', text: 'Searching the sources…' });
  });

  it('answers an empty /ask with usage and no work', async () => {
    const test = await start();
    const response = await askCommand(test, '  ');
    expect((await response.json()).text).toMatch(/^Usage/);
    expect(test.background.pending).toBe(0);
  });

  it('refuses an unsigned or wrongly signed command with 401', async () => {
    const test = await start();
    const unsigned = await postForm(test.app, '/slack/commands', { command: '/ask', text: japanQuestion, response_url: test.fake.responseUrl('x'), user_id: 'U', channel_id: 'C' }, { signature: null });
    expect(unsigned.status).toBe(401);
    const forged = await postForm(test.app, '/slack/commands', { command: '/ask', text: japanQuestion, response_url: test.fake.responseUrl('x'), user_id: 'U', channel_id: 'C' }, { signature: `v0=${'a'.repeat(64)}` });
    expect(forged.status).toBe(401);
    await test.background.drain();
    expect(test.fake.calls).toEqual([]);
  });

  it('escapes <!channel> and links typed into the question when it is echoed', async () => {
    const test = await start();
    // Slack escapes what a person types: a literal "<!channel>" arrives as "&lt;!channel&gt;".
    await askCommand(test, `&lt;!channel&gt; ${japanQuestion} &lt;https://evil.example|x&gt;`);
    const delivered = await test.fake.waitFor(() => responsesTo(test, 'command-1')[0]);
    const text = blocksText(delivered.body.blocks);
    expect(text).toContain('&lt;!channel&gt; How many GPUs will Japan buy? &lt;https://evil.example|x&gt;');
    // Button values are opaque to Slack's renderer; only what is displayed must be escaped.
    expect(`${text}\n${delivered.body.text}`).not.toMatch(/<!channel>|<https:\/\/evil/);
  });
});

describe('POST /slack/interactions', () => {
  it('"Share in channel" posts the answer in the channel and removes the ephemeral one', async () => {
    const test = await start();
    await askCommand(test, japanQuestion);
    const ephemeral = await test.fake.waitFor(() => responsesTo(test, 'command-1')[0]);
    const value = buttonValue(ephemeral.body.blocks, 'share_answer')!;

    const response = await clickButton(test, { actionId: 'share_answer', value, responseUrlId: 'share-1' });
    expect(response.status).toBe(200);
    await test.background.drain();
    const [shared, removed] = responsesTo(test, 'share-1');
    expect(shared!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    const text = blocksText(shared!.body.blocks);
    expect(text).toContain(`*<@U0BOB> asked:* ${japanQuestion}`);
    expect(text).toContain(japanSource);
    expect(buttonValue(shared!.body.blocks, 'share_answer')).toBeUndefined();
    expect(buttonValue(shared!.body.blocks, 'feedback_down')).toBeTruthy();
    expect(removed!.body).toEqual({ delete_original: true });
  });

  it('"Share in channel" answers again when the answer is no longer cached', async () => {
    const test = await start();
    const value = JSON.stringify({ i: 'unknown-id', q: japanQuestion, c: [] });
    await clickButton(test, { actionId: 'share_answer', value, responseUrlId: 'share-2' });
    await test.background.drain();
    expect(blocksText(responsesTo(test, 'share-2')[0]!.body.blocks)).toContain(japanSource);
  });

  it('stores 👍 on a thread answer with the Slack ts, question, answer and citations', async () => {
    const test = await start();
    await postEvent(test.app, eventEnvelope({ ts: '1799999999.000100', text: mention(japanQuestion) }));
    const update = await test.fake.waitFor(() => test.fake.callsTo('chat.update').find((call) => call.body.blocks?.length));
    const value = buttonValue(update.body.blocks, 'feedback_up')!;

    await clickButton(test, { actionId: 'feedback_up', value, responseUrlId: 'feedback-1', message: { ts: update.body.ts, text: update.body.text } });
    await test.background.drain();
    expect(test.feedback).toHaveLength(1);
    expect(test.feedback[0]).toMatchObject({
      messageId: update.body.ts,
      rating: 'up',
      question: japanQuestion,
      answer: expect.stringContaining('“Japan will buy 10,000 GPUs'),
      citations: [{ n: 1, docId: 'japan-gpus', paragraph: 1, url: japanSource, title: 'Japan plans a national AI cloud' }],
      channel: 'slack',
    });
    expect(responsesTo(test, 'feedback-1')[0]!.body).toMatchObject({ response_type: 'ephemeral', text: 'Thanks for the feedback.' });
  });

  it('stores 👎 from the button value alone when the answer is not cached', async () => {
    const test = await start();
    const value = JSON.stringify({ i: 'gone', q: japanQuestion, c: [[1, 'japan-gpus', 1]] });
    await clickButton(test, { actionId: 'feedback_down', value, responseUrlId: 'feedback-2', message: { ts: '1800000001.000100', text: 'Here is what the sources say: &lt;b&gt;' } });
    await test.background.drain();
    expect(test.feedback[0]).toMatchObject({
      messageId: '1800000001.000100',
      rating: 'down',
      question: japanQuestion,
      answer: 'Here is what the sources say: <b>',
      citations: [{ n: 1, docId: 'japan-gpus', paragraph: 1, url: japanSource }],
      channel: 'slack',
    });
  });

  it('refuses an unsigned interaction with 401 and ignores a malformed value', async () => {
    const test = await start();
    const payload = JSON.stringify({ type: 'block_actions', user: { id: 'U0BOB' }, actions: [{ action_id: 'feedback_up', value: 'x' }] });
    expect((await postForm(test.app, '/slack/interactions', { payload }, { signature: null })).status).toBe(401);
    expect((await postForm(test.app, '/slack/interactions', { payload })).status).toBe(200);
    await test.background.drain();
    expect(test.feedback).toEqual([]);
    expect(test.fake.calls).toEqual([]);
  });
});
