// Wraps a WASI preview-1 core module as a component with the preview-1
// adapter that @bytecodealliance/jco ships (lib/wasi_snapshot_preview1.*.wasm):
// componentEmbed attaches the WIT world, componentNew checks the module
// against it and adds the adapter, giving wit-component's layout (shim, main,
// adapter, fixup) with WASI 0.2 imports.
// Usage: node make-wasi-components.mjs <wit> <world> <reactor|command> <out.component.wasm> <core.wasm>
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, basename } from 'node:path';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';

const [witPath, world, kind, out, corePath] = process.argv.slice(2);
const jco = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '@bytecodealliance', 'jco');
const adapter = new Uint8Array(await readFile(join(jco, 'lib', `wasi_snapshot_preview1.${kind}.wasm`)));
const witSource = await readFile(witPath, 'utf8');
const binary = new Uint8Array(await readFile(corePath));
const embedded = await componentEmbed({ binary, witSource, stringEncoding: 'utf8', world });
const component = await componentNew(embedded, [['wasi_snapshot_preview1', adapter]]);
await writeFile(out, component);
console.log(`make-wasi-components: ${basename(corePath)} + the ${kind} adapter -> ${basename(out)} (${component.length} bytes)`);
