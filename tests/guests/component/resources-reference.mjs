// The reference host for resources: jco's own transpiled JavaScript of a component, run in Node. Reads
// {"component": path, "sequences": [[step, ...], ...]} on stdin; runs each sequence on a fresh instance and prints
// one outcome per step (JSON). Steps: new|make <var> <n>, add <var> <n>, get|peek|consume|dispose|double-drop <var>,
// merge <var> <var>, forge <var>, plain <n>, live, dropped. Outcomes: "ok", "ok <value>", "disposed" (a use of a
// dropped or moved resource, refused before the guest runs), "trap" (the guest or a handle trapped), "poisoned".
import { readFileSync } from 'node:fs';
import { readFile, mkdtemp, writeFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';

const input = JSON.parse(readFileSync(0, 'utf8'));
const out = await mkdtemp(join(tmpdir(), 'bindgen-jco-'));
const { files } = await transpileBytes(new Uint8Array(await readFile(input.component)), { name: 'component', instantiation: 'async' });
for (const [name, bytes] of Object.entries(files)) {
  await mkdir(dirname(join(out, name)), { recursive: true });
  await writeFile(join(out, name), bytes);
}

const { instantiate } = await import(pathToFileURL(join(out, 'component.js')));
const getCoreModule = async (path) => WebAssembly.compile(await readFile(join(out, path)));
const results = [];
for (const sequence of input.sequences) {
  const exports = await instantiate(getCoreModule, {});
  const counters = exports.counters ?? exports['local:resources/counters@1.0.0'];
  const { Counter } = counters;
  const vars = new Map();
  let poisoned = false;
  const outcomes = [];
  for (const step of sequence) {
    const [op, a, b] = step.split(' ');
    if (poisoned) {
      outcomes.push('poisoned');
      continue;
    }

    try {
      let value;
      switch (op) {
        case 'new': vars.set(a, new Counter(Number(b))); break;
        case 'make': vars.set(a, Counter.make(Number(b))); break;
        case 'add': value = vars.get(a).add(Number(b)); break;
        case 'get': value = vars.get(a).get(); break;
        case 'merge': value = vars.get(a).merge(vars.get(b)); break;
        case 'peek': value = counters.peek(vars.get(a)); break;
        case 'consume': value = counters.consume(vars.get(a)); break;
        case 'dispose': vars.get(a)[Symbol.dispose](); break;
        case 'double-drop': counters.doubleDrop(vars.get(a)); break;
        case 'forge': vars.set(a, counters.forge()); break;
        case 'plain': value = counters.plainAdd(Number(a)); break;
        case 'live': value = counters.live(); break;
        case 'dropped': value = counters.dropped(); break;
        default: throw new Error('unknown step ' + step);
      }

      outcomes.push(value === undefined ? 'ok' : `ok ${value}`);
    } catch (e) {
      // jco refuses a dropped or moved resource with this TypeError before calling the guest; anything else trapped.
      if (e instanceof TypeError && /Resource error: Not a valid/.test(e.message)) {
        outcomes.push('disposed');
      } else {
        outcomes.push('trap');
        outcomes.push(`(${e.constructor.name}: ${e.message})`);
        poisoned = true;
      }
    }
  }

  results.push(outcomes);
}

await rm(out, { recursive: true, force: true });
process.stdout.write(JSON.stringify(results));
