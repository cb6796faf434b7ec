// The reference host for JavaScript function arguments: ywasm's update callbacks, through the package's own glue in Node.
// Input (stdin): { clientID, edits: [[index, text]...] (an empty text deletes one character at index), unsubscribeAfter }.
// Output: { v1: [base64 updates], v2: [...], text, afterUnsubscribe: [base64 updates seen after the observer was freed] }.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const y = require('./node_modules/ywasm/ywasm.js');
const input = JSON.parse(readFileSync(0, 'utf8'));
const b64 = (u) => Buffer.from(u).toString('base64');
const doc = new y.YDoc({ clientID: input.clientID });
const v1 = [];
const v2 = [];
const afterUnsubscribe = [];
let observer = doc.onUpdate((u) => { v1.push(b64(u)); });
const observer2 = doc.onUpdateV2((u) => { v2.push(b64(u)); });
const text = doc.getText('t');
input.edits.forEach(([index, chunk], i) => {
  if (i === input.unsubscribeAfter) {
    observer.free();
    observer = doc.onUpdate((u) => { afterUnsubscribe.push(b64(u)); });
  }
  if (chunk === '') text.delete(index, 1, undefined);
  else text.insert(index, chunk, undefined, undefined);
});
const result = { v1, v2, text: text.toJson(undefined), afterUnsubscribe };
observer.free();
observer2.free();
process.stdout.write(JSON.stringify([result]));
