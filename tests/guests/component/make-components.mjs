// Validates each canonical-ABI core module against its WIT and wraps it as a
// component: componentEmbed attaches the world, componentNew lifts every
// export through the canonical ABI and rejects a module whose core signatures
// do not match the WIT. Usage: node make-components.mjs <wit> <world> <out-dir> <core.wasm>...
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';

const [witPath, world, outDir, ...modules] = process.argv.slice(2);
const witSource = await readFile(witPath, 'utf8');
for (const path of modules) {
  const binary = new Uint8Array(await readFile(path));
  const embedded = await componentEmbed({ binary, witSource, stringEncoding: 'utf8', world });
  const component = await componentNew(embedded);
  const out = `${outDir}/${basename(path, '.wasm')}.component.wasm`;
  await writeFile(out, component);
  console.log(`make-components: ${basename(path)} matches ${basename(witPath)} -> ${basename(out)}`);
}
