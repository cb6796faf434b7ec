// Builds docs.component.wasm: the core module docs/docs.wasm checked against docs/docs.wit and wrapped by
// componentEmbed + componentNew, as the other canonical guests are. wit-component keeps a WIT package's doc comments
// in a `package-docs` custom section only where it encodes a WIT package itself; the world it embeds into a core
// module, and so the component componentNew makes, carry none (checked with this package's version). So this script
// appends that section to the component as wit-parser writes it (format version 1, then JSON): docs/package-docs.json,
// the docs of docs.wit in that format. Usage: node make-docs-component.mjs <out-dir> <docs.wasm>
import { readFile, writeFile } from 'node:fs/promises';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';

const here = new URL('./docs/', import.meta.url);
const [outDir, corePath] = process.argv.slice(2);
const witSource = await readFile(new URL('docs.wit', here), 'utf8');
const binary = new Uint8Array(await readFile(corePath));
const component = await componentNew(await componentEmbed({ binary, witSource, stringEncoding: 'utf8', world: 'docs' }));
if (Buffer.from(component).includes(Buffer.from('package-docs'))) {
  throw new Error('componentNew now keeps the WIT docs: drop the appended section and use its output as it is');
}

// Re-serialized so the committed JSON may be formatted any way; the section is a custom section (id 0).
const json = Buffer.from(JSON.stringify(JSON.parse(await readFile(new URL('package-docs.json', here), 'utf8'))), 'utf8');
const name = Buffer.from('package-docs', 'utf8');
const payload = Buffer.concat([leb(name.length), name, Buffer.from([1]), json]);
const out = `${outDir}/docs.component.wasm`;
await writeFile(out, Buffer.concat([Buffer.from(component), Buffer.from([0]), leb(payload.length), payload]));
console.log(`make-docs-component: docs.wasm matches docs.wit -> docs.component.wasm (with its package-docs)`);

function leb(n) {
  const bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    bytes.push(b);
  } while (n !== 0);
  return Buffer.from(bytes);
}
