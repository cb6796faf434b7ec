// What the reference scripts for resources share: jco's transpiled JavaScript of a component, written to a temporary
// folder and imported, and one step's outcome spelled as the C# tests spell it.
import { readFile, mkdtemp, writeFile, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';

/** Transpiles the component at `path`: its `instantiate`, the core-module loader it takes, and `dispose` for the folder. */
export async function transpiled(path) {
  const out = await mkdtemp(join(tmpdir(), 'bindgen-jco-'));
  const { files } = await transpileBytes(new Uint8Array(await readFile(path)), { name: 'component', instantiation: 'async' });
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(dirname(join(out, name)), { recursive: true });
    await writeFile(join(out, name), bytes);
  }

  const { instantiate } = await import(pathToFileURL(join(out, 'component.js')));
  const getCoreModule = async (file) => WebAssembly.compile(await readFile(join(out, file)));
  return { instantiate, getCoreModule, dispose: () => rm(out, { recursive: true, force: true }) };
}

/**
 * Runs one step and pushes its outcome: "ok" or "ok <value>"; "disposed" for jco's refusal of a dropped or moved
 * resource before the guest runs; "trap" and its explanation for anything else. Returns whether the step trapped.
 */
function step(outcomes, run) {
  try {
    const value = run();
    outcomes.push(value === undefined ? 'ok' : `ok ${value}`);
    return false;
  } catch (e) {
    if (e instanceof TypeError && /Resource error: Not a valid/.test(e.message)) {
      outcomes.push('disposed');
      return false;
    }

    outcomes.push('trap');
    outcomes.push(`(${e.constructor.name}: ${e.message})`);
    return true;
  }
}

/**
 * Runs a sequence of steps ("op a b ...") and returns their outcomes: after a step traps, the instance is poisoned and
 * every later step's outcome is "poisoned". `run(op, a, b, words)` performs one step and returns its value.
 */
export function outcomesOf(sequence, run) {
  const outcomes = [];
  let poisoned = false;
  for (const text of sequence) {
    if (poisoned) {
      outcomes.push('poisoned');
      continue;
    }

    const words = text.split(' ');
    poisoned = step(outcomes, () => run(words[0], words[1], words[2], words));
  }

  return outcomes;
}
