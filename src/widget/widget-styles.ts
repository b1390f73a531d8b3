// Dark colours, used for data-theme="dark" and, unless data-theme="light", for a dark preference.
const dark = `--accent: #2f6fd0; --link: #8cb8ff; --bg: #16191d; --fg: #e6edf3; --muted: #a1acb8; --line: #3a424c;
  --soft: #20252b; --user: #1d3557; --warn-bg: #3b2a10; --warn-fg: #f5c97a; --error-bg: #3d1714; --error-fg: #ffb4ab;
  --chip-bg: #23406b; --chip-fg: #d6e6ff; --focus: #8cb8ff; --tip-bg: #e6edf3; --tip-fg: #16191d; --tip-muted: #424a53; color-scheme: dark;`;

/** The widget's only stylesheet, scoped by its shadow root. */
export const widgetStyles = `
:host { all: initial; }
* { box-sizing: border-box; }
.root {
  --accent: #1f5fbf; --accent-text: #fff; --link: #1f5fbf; --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0;
  --soft: #f3f6fa; --user: #e8f0fc; --warn-bg: #fff4e5; --warn-fg: #7a4100; --error-bg: #ffebe9; --error-fg: #8c1b13;
  --chip-bg: #dbe7fb; --chip-fg: #123d7a; --focus: #0a3069; --tip-bg: #1f2328; --tip-fg: #fff; --tip-muted: #c9d1d9;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans CJK TC", "Noto Sans CJK SC", "PingFang TC", "Microsoft JhengHei", sans-serif;
  color: var(--fg); -webkit-font-smoothing: antialiased; text-align: left;
}
.root[data-theme="dark"] { ${dark} }
@media (prefers-color-scheme: dark) { .root:not([data-theme="light"]) { ${dark} } }
.floating { position: fixed; bottom: 20px; right: 20px; z-index: 2147483000; display: flex; flex-direction: column; align-items: flex-end; gap: 12px; }
.floating.left { right: auto; left: 20px; align-items: flex-start; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.launcher { display: inline-flex; align-items: center; gap: 8px; border: 0; border-radius: 999px; padding: 12px 18px; background: var(--accent); color: var(--accent-text); font-weight: 600; box-shadow: 0 6px 20px rgba(15, 35, 70, .28); }
.launcher:hover { filter: brightness(.9); }
.launcher svg { width: 20px; height: 20px; }
.panel { position: relative; width: min(400px, calc(100vw - 40px)); height: min(640px, calc(100vh - 110px)); display: flex; flex-direction: column; background: var(--bg); border: 1px solid var(--line); border-radius: 14px; box-shadow: 0 16px 48px rgba(15, 35, 70, .24); overflow: hidden; }
.inline .panel { width: 100%; height: 100%; min-height: 420px; box-shadow: none; }
.panel[hidden], .launcher[hidden] { display: none; }
header { display: flex; align-items: center; gap: 4px; padding: 10px 10px 10px 16px; border-bottom: 1px solid var(--line); background: var(--soft); }
header h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 650; }
.icon-button { display: inline-flex; align-items: center; justify-content: center; gap: 6px; min-width: 36px; min-height: 36px; padding: 6px 8px; border: 0; border-radius: 8px; background: transparent; color: var(--muted); font-size: 13px; }
.icon-button:hover { background: rgba(31, 95, 191, .1); color: var(--fg); }
.icon-button[aria-pressed="true"] { color: var(--accent); background: rgba(31, 95, 191, .12); }
.icon-button svg { width: 18px; height: 18px; flex: none; }
.messages { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 14px; overscroll-behavior: contain; }
.empty { margin: auto 0; color: var(--muted); }
.empty p { margin: 0 0 6px; }
.empty .lead { color: var(--fg); font-weight: 600; font-size: 16px; }
.examples { display: flex; flex-direction: column; gap: 8px; margin-top: 14px; }
.example { text-align: left; border: 1px solid var(--line); background: var(--bg); border-radius: 10px; padding: 9px 12px; color: var(--fg); }
.example:hover { border-color: var(--accent); }
.message { max-width: 100%; }
.message.user { align-self: flex-end; max-width: 85%; background: var(--user); border-radius: 14px 14px 4px 14px; padding: 8px 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.message.assistant { align-self: stretch; }
.bubble { overflow-wrap: anywhere; }
.bubble > :first-child { margin-top: 0; }
.bubble > :last-child { margin-bottom: 0; }
.bubble p, .bubble ul, .bubble ol, .bubble blockquote, .bubble pre { margin: 0 0 10px; }
.bubble h3 { font-size: 15px; margin: 12px 0 6px; }
.bubble ul, .bubble ol { padding-left: 22px; }
.bubble blockquote { border-left: 3px solid var(--line); padding-left: 10px; color: var(--muted); }
.bubble code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--soft); border-radius: 4px; padding: 1px 4px; }
.bubble pre { background: var(--soft); padding: 10px; border-radius: 8px; overflow-x: auto; }
.bubble a, .sources a, .sheet a { color: var(--link); }
.chip { display: inline-flex; align-items: center; justify-content: center; min-width: 20px; height: 20px; padding: 0 5px; margin: 0 2px; border-radius: 6px; background: var(--chip-bg); color: var(--chip-fg) !important; font-size: 12px; font-weight: 700; line-height: 1; text-decoration: none; vertical-align: 2px; }
.chip:hover, .chip:focus-visible { background: var(--accent); color: var(--accent-text) !important; }
.notice { display: flex; gap: 6px; align-items: center; margin: 0 0 8px; padding: 6px 10px; border-radius: 8px; background: var(--warn-bg); color: var(--warn-fg); font-size: 13px; font-weight: 600; }
.sources { margin: 10px 0 0; padding: 10px 0 0; border-top: 1px solid var(--line); list-style: none; font-size: 13px; }
.follow-ups { margin: 10px 0 0; font-size: 13px; }
.follow-ups .examples { margin-top: 0; gap: 6px; }
.sources h3, .follow-ups h3 { margin: 0 0 6px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.sources ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.sources .doc-title { font-weight: 600; overflow-wrap: break-word; }
.sources .meta { color: var(--muted); }
.sources ol { list-style: none; margin: 2px 0 0; padding: 0; display: flex; flex-direction: column; gap: 2px; }
.sources ol li { display: flex; gap: 6px; align-items: baseline; min-width: 0; }
.sources .chip { flex: none; }
.sources .para { flex: none; color: var(--muted); font-variant-numeric: tabular-nums; }
.sources .snippet { flex: 1; min-width: 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; color: var(--muted); }
.hint { margin: 8px 0 0; color: var(--muted); font-size: 14px; }
.hint p { margin: 0 0 4px; }
.knows { font-size: 13px; }
.knows:empty { display: none; }
.hint .examples { margin-top: 8px; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 2px; margin-top: 6px; }
.actions .status-text { font-size: 12px; color: var(--muted); margin-left: 6px; }
.comment { display: flex; flex-direction: column; gap: 6px; margin-top: 6px; }
.comment label { font-size: 13px; color: var(--muted); }
.comment textarea { width: 100%; background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 6px 8px; resize: vertical; min-height: 56px; }
.comment button { align-self: flex-start; border: 0; border-radius: 8px; padding: 6px 12px; background: var(--accent); color: var(--accent-text); font-size: 13px; }
.typing { display: inline-flex; gap: 8px; align-items: center; color: var(--muted); }
.dots { display: inline-flex; gap: 3px; }
.dots i { width: 6px; height: 6px; border-radius: 50%; background: currentColor; animation: blink 1.2s infinite ease-in-out; }
.dots i:nth-child(2) { animation-delay: .15s; } .dots i:nth-child(3) { animation-delay: .3s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .dots i { animation: none; opacity: .6; } }
.alert { margin: 0 16px 10px; padding: 10px 12px; border-radius: 10px; background: var(--error-bg); color: var(--error-fg); font-size: 14px; display: flex; gap: 10px; align-items: flex-start; }
.alert[hidden] { display: none; }
.alert p { margin: 0; flex: 1; }
.alert small { display: block; opacity: .85; margin-top: 2px; }
.alert button { border: 1px solid currentColor; background: transparent; border-radius: 8px; padding: 4px 10px; color: inherit; font-size: 13px; }
.composer { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px; border-top: 1px solid var(--line); }
.composer textarea { flex: 1; resize: none; max-height: 140px; min-height: 42px; border: 1px solid var(--line); border-radius: 10px; padding: 9px 12px; background: var(--bg); line-height: 1.4; }
.composer textarea:focus-visible { outline-offset: 0; border-color: var(--accent); }
.send { flex: none; border: 0; border-radius: 10px; min-width: 42px; height: 42px; padding: 0 12px; background: var(--accent); color: var(--accent-text); display: inline-flex; align-items: center; gap: 6px; font-weight: 600; }
.send[disabled] { opacity: .55; cursor: default; }
.send svg { width: 18px; height: 18px; }
.footer { margin: 0; padding: 0 14px 10px; font-size: 11.5px; color: var(--muted); }
.tip { position: absolute; z-index: 2; max-width: min(320px, calc(100% - 24px)); padding: 10px 12px; border-radius: 10px; background: var(--tip-bg); color: var(--tip-fg); font-size: 13px; line-height: 1.45; box-shadow: 0 8px 24px rgba(0, 0, 0, .25); pointer-events: none; }
.tip[hidden] { display: none; }
.tip q, .sheet q { display: block; margin-bottom: 6px; quotes: "“" "”"; }
.tip q:lang(zh), .sheet q:lang(zh) { quotes: "「" "」" "『" "』"; }
.tip .tip-title, .sheet .tip-title { font-weight: 650; }
.tip .tip-meta { color: var(--tip-muted); }
.sheet { position: absolute; z-index: 3; left: 0; right: 0; bottom: 0; max-height: 70%; overflow-y: auto; padding: 14px 16px 18px; background: var(--bg); border-top: 1px solid var(--line); border-radius: 14px 14px 0 0; box-shadow: 0 -8px 28px rgba(0, 0, 0, .22); }
.sheet[hidden] { display: none; }
.sheet .tip-meta { color: var(--muted); font-size: 13px; }
.sheet-actions { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 10px; }
.sheet-actions a { font-weight: 600; padding: 8px 0; }
@media (max-width: 480px) {
  .floating { bottom: 12px; right: 12px; }
  .floating.left { left: 12px; }
  .floating.is-open { inset: 0; }
  .floating.is-open .panel { width: 100vw; height: 100vh; height: 100dvh; border-radius: 0; border: 0; }
}
`;
