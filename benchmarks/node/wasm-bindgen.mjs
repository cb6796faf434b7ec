// The wasm-bindgen anchor's Node side: snappy-wasm through its own glue, in V8, driven by line-delimited JSON on
// stdin. {op:"setup", scenario, text|data} selects a call and replies with its result (for the check);
// {op:"run", calls} times that many calls and replies with the nanoseconds they took.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const npm = process.argv[2];
const require = createRequire(import.meta.url);
const snappy = require(`${npm}/node_modules/snappy-wasm/cjs/snappy.js`);
let call = () => undefined;

for await (const line of createInterface({ input: process.stdin })) {
  const message = JSON.parse(line);
  let reply;
  if (message.op === 'version') {
    reply = { version: process.version };
  } else if (message.op === 'setup') {
    if (message.scenario === 'compress') {
      const text = message.text;
      call = () => snappy.compress(text);
    } else {
      const data = new Uint8Array(Buffer.from(message.data, 'base64'));
      call = () => snappy.compress_raw(data);
    }
    reply = { result: Buffer.from(call()).toString('base64') };
  } else {
    const start = process.hrtime.bigint();
    for (let i = 0; i < message.calls; i++) call();
    reply = { ns: Number(process.hrtime.bigint() - start) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
