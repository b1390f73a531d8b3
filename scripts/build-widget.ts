// `npm run build:widget`: writes the widget bundle to dist/public/widget.js.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildWidget, prebuiltWidgetPath } from '../src/node/build-widget.js';

const root = path.resolve(import.meta.dirname, '..');
const bundle = await buildWidget();
await mkdir(path.dirname(prebuiltWidgetPath), { recursive: true });
await writeFile(prebuiltWidgetPath, bundle.code);
console.log(`${path.relative(root, prebuiltWidgetPath)}: ${(bundle.bytes / 1024).toFixed(1)} kB, ${(bundle.gzipBytes / 1024).toFixed(1)} kB gzipped`);
