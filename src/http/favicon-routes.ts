import { Hono } from 'hono';

// A 32×32 icon (white closing quote marks on the widget's blue), PNG inside an ICO container,
// so that browsers asking for /favicon.ico on the demo and source pages get an icon, not a 404.
const faviconBase64 =
  'AAABAAEAICAAAAEAIABZAQAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAASBJREFUeNpjkI/fz4CEFYC4H4jPA/F/KuPzULMVkO1EtjwBiN/TwGJ0/B5qF4oDEuhgMTpOgDlAgU4+xxYSCgzQePk/QLifgUYJjuiEyTCAloPx4HeAdfHx/3N3Pv5//Pp7MA3iU0MtUQ4onn39PzYAEqdELVEOALkeH3j8+vv//vX3SVZLtANAQUgMAKkjRS3RDgDFIzHg49ffJKmlegiADCVFLdXSAHKwkqKWKrkAm4GkqCW5HAAFHTHZixS1RDsgvP08RjyCxChVS7QDkFM4KD971p6milqiHIDso6sPP//XzTxMFbVEOwDmo9WHnxM0kBS1JGVDXKmXXLUkhQAxtRk5aodWe2BEOGDAG6UD3iwf8I7JgHfNBkXndMC65wAouPWAKywcAgAAAABJRU5ErkJggg==';
const favicon = Uint8Array.from(atob(faviconBase64), (character) => character.charCodeAt(0));

/** GET /favicon.ico, cacheable for a day. */
export function createFaviconRoutes(): Hono {
  const app = new Hono();
  app.get('/favicon.ico', (context) =>
    context.body(favicon, 200, { 'Content-Type': 'image/x-icon', 'Cache-Control': 'public, max-age=86400' }),
  );
  return app;
}
