// Builds hostres.component.wasm from ../hostres/hostres.wat and hostres.wit (a component that imports the host's
// blob resource and exports its own tally resource): wasm-tools' text parser, then componentEmbed + componentNew
// (wit-component), all from @bytecodealliance/jco-transpile (pinned in package-lock.json), as make-resources.mjs.
// Usage: node make-hostres.mjs <out-dir>
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(here, '..');
const binary = await parse(await readFile(join(here, '../hostres/hostres.wat'), 'utf8'));
const witSource = await readFile(join(here, '../hostres/hostres.wit'), 'utf8');
const embedded = await componentEmbed({ binary, witSource, stringEncoding: 'utf8', world: 'hostres-demo' });
await writeFile(join(outDir, 'hostres.component.wasm'), await componentNew(embedded));
console.log('hostres: hostres.wat matches hostres.wit -> hostres.component.wasm');
