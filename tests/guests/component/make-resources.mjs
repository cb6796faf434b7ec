// Builds resources.component.wasm from ../resources/counters.wat and counters.wit: wasm-tools' text parser, then
// componentEmbed + componentNew (wit-component), all from @bytecodealliance/jco-transpile (pinned in
// ../component/package-lock.json). Usage: node make-resources.mjs <out-dir>
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(here, '..');
const binary = await parse(await readFile(join(here, '../resources/counters.wat'), 'utf8'));
const witSource = await readFile(join(here, '../resources/counters.wit'), 'utf8');
const embedded = await componentEmbed({ binary, witSource, stringEncoding: 'utf8', world: 'resources-demo' });
await writeFile(join(outDir, 'resources.component.wasm'), await componentNew(embedded));
console.log('resources: counters.wat matches counters.wit -> resources.component.wasm');
