// Builds the hand-written components (wat/*.wat) with wasm-tools' own text parser (as shipped in
// @bytecodealliance/jco-transpile), so the reader is tested on layouts no toolchain here emits: nested
// components, outer aliases, memory shared between core instances, and what Bindgen must refuse.
// Usage: node make-wat-components.mjs <out-dir> <file.wat>...
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const [outDir, ...sources] = process.argv.slice(2);
for (const path of sources) {
  const component = await parse(await readFile(path, 'utf8'));
  const out = `${outDir}/${basename(path, '.wat')}.component.wasm`;
  await writeFile(out, component);
  console.log(`make-wat-components: ${basename(path)} -> ${basename(out)}`);
}
