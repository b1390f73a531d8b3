import { describe, expect, it } from 'vitest';
import { readSlackText } from './read-slack-text.js';

describe('readSlackText', () => {
  it.each([
    ['<@U0BOT> How many GPUs?', 'How many GPUs?'],
    ['<@U0BOT|bot>   What about   Korea?', 'What about Korea?'],
    ['Ask <#C123|general> about <https://example.com|this>', 'Ask #general about this'],
    ['see <https://example.com/a?b=1&amp;c=2>', 'see https://example.com/a?b=1&c=2'],
    ['<!here> and <!channel>', '@here and @channel'],
    ['&lt;!channel&gt; typed literally', '<!channel> typed literally'],
    ['<!subteam^S123|@team> ping', '@team ping'],
  ])('%j → %j', (input, expected) => {
    expect(readSlackText(input)).toBe(expected);
  });
});
