/**
 * Turns the text of a Slack message into the plain question a person typed: mentions of
 * users are dropped (the bot's own `<@U…>` above all), links and channel names become their
 * labels, `<!here>`-style commands become words, and Slack's `&amp; &lt; &gt;` are undone.
 *
 * @example readSlackText('<@U123> What is &lt;b&gt;?') // → 'What is <b>?'
 */
export function readSlackText(text: string): string {
  return text
    .replace(/<@[UWB][A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_match, label: string | undefined) => label ?? '@group')
    .replace(/<!([a-z]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]*)>/g, '$2')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
