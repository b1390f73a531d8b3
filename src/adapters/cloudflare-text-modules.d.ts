// Prompt files bundled into the Worker as text (wrangler.toml `[[rules]] type = "Text"`).
declare module '*.md' {
  const text: string;
  export default text;
}
