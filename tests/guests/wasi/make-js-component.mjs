// Makes text.js a WASI 0.2 component with componentize-js (pinned in
// package-lock.json). Usage: node make-js-component.mjs <out.component.wasm>
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentize } from '@bytecodealliance/componentize-js';

const here = dirname(fileURLToPath(import.meta.url));
const [out] = process.argv.slice(2);
// text.wit imports wasi:filesystem: its WIT packages come from the WASI 0.2.12 definitions jco ships.
const wit = await mkdtemp(join(tmpdir(), 'js-demo-wit-'));
await cp(join(here, 'text.wit'), join(wit, 'text.wit'));
await cp(join(here, 'node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12'), join(wit, 'deps'), { recursive: true });
const { component } = await componentize({
  sourcePath: join(here, 'text.js'),
  witPath: wit,
  worldName: 'js-demo',
  disableFeatures: ['http', 'fetch-event'],
});
await rm(wit, { recursive: true });
await writeFile(out, component);
console.log(`make-js-component: text.js -> ${out} (${component.length} bytes)`);
