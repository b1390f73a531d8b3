// Imported first by every Node entry point. An empty variable means "unset" in src/config.ts,
// but some libraries read the environment when they load: @ai-sdk/openai throws on an empty
// OPENAI_BASE_URL. Dropping empty values before anything else loads keeps both readings equal.
for (const [name, value] of Object.entries(process.env)) {
  if (value === '') delete process.env[name];
}
