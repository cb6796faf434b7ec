// Makes text.js a WASI 0.2 component with componentize-js (pinned in
// package-lock.json). Usage: node make-js-component.mjs <out.component.wasm>
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentize } from '@bytecodealliance/componentize-js';

const here = dirname(fileURLToPath(import.meta.url));
const [out] = process.argv.slice(2);
const { component } = await componentize({
  sourcePath: join(here, 'text.js'),
  witPath: join(here, 'text.wit'),
  worldName: 'js-demo',
  disableFeatures: ['http', 'fetch-event'],
});
await writeFile(out, component);
console.log(`make-js-component: text.js -> ${out} (${component.length} bytes)`);
