// The reference host for imported resources: jco's own transpiled JavaScript of hostres.component.wasm, run in Node,
// with the host's blob resource implemented as a JavaScript class. Reads {"component": path, "sequences": [[step, ...],
// ...]} on stdin; runs each sequence on a fresh instance and prints one outcome per step (JSON). Steps: blob <var> <n>
// (the host makes a blob), value <var> (its value, read by the host), tally|tmake <var> <n>, total <var>,
// feed|eat <tally> <blob>, tdispose <var>, cycle <n>, peek|leak|keep|merge-kept|donate <blob>, give-back|fresh <var> [n],
// drop-kept, self-take, wrong-type, use-dropped, live, ticket <var> <n> (the host makes a ticket, the world's
// resource), ticket-round <n>, ticket-number <var>, keep-maybe <var|->, kept-maybe <var>, lent-value <var> <n>,
// sum <var,var,...>, spawn <prefix> <n>, made (blobs and tickets constructed so far), disposed (so far).
// Outcomes: "ok", "ok <value>", "disposed" (a use of a dropped or moved resource, refused before the guest runs),
// "trap" (the guest or a handle trapped), "poisoned".
import { readFileSync } from 'node:fs';
import { transpiled, outcomesOf } from './jco-reference.mjs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const { instantiate, getCoreModule, dispose } = await transpiled(input.component);
const results = [];
for (const sequence of input.sequences) {
  let made = 0;
  let disposed = 0;
  // The host's resource: what the component's [constructor], [method], [static] and [resource-drop] of blob call.
  class Blob {
    constructor(init) { this.v = init >>> 0; made++; }
    get() { return this.v; }
    add(n) { this.v = (this.v + n) >>> 0; }
    absorb(other) { this.v = (this.v + other.v) >>> 0; return this.v; }
    take(other) { this.v = (this.v + other.v) >>> 0; return this.v; }
    static make(n) { return new Blob(n); }
    [Symbol.dispose]() { disposed++; }
  }

  // The world's own imported resource.
  class Ticket {
    constructor(n) { this.n = n >>> 0; made++; }
    number() { return this.n; }
    [Symbol.dispose]() { disposed++; }
  }

  const host = { Blob };
  const exports = await instantiate(getCoreModule, { 'local:hostres/host': host, 'local:hostres/host@1.0.0': host, ticket: { default: Ticket } });
  const app = exports.app ?? exports['local:hostres/app@1.0.0'];
  const { Tally } = app;
  const vars = new Map();
  const outcomes = outcomesOf(sequence, (op, a, b, words) => {
    let value;
    switch (op) {
      case 'blob': vars.set(a, new Blob(Number(b))); break;
      case 'value': value = vars.get(a).v; break;
      case 'tally': vars.set(a, new Tally(Number(b))); break;
      case 'tmake': vars.set(a, Tally.make(Number(b))); break;
      case 'total': value = vars.get(a).total(); break;
      case 'feed': value = vars.get(a).feed(vars.get(b)); break;
      case 'eat': value = vars.get(a).eat(vars.get(b)); break;
      case 'tdispose': vars.get(a)[Symbol.dispose](); break;
      case 'cycle': value = app.cycle(Number(a)); break;
      case 'peek': value = app.peek(vars.get(a)); break;
      case 'leak': value = app.leakBorrow(vars.get(a)); break;
      case 'keep': app.keep(vars.get(a)); break;
      case 'give-back': vars.set(a, app.giveBack()); break;
      case 'drop-kept': app.dropKept(); break;
      case 'merge-kept': value = app.mergeKept(vars.get(a)); break;
      case 'donate': value = app.donate(vars.get(a)); break;
      case 'fresh': vars.set(a, app.fresh(Number(b))); break;
      case 'self-take': value = app.selfTake(); break;
      case 'wrong-type': value = app.wrongType(); break;
      case 'use-dropped': value = app.useDropped(); break;
      case 'live': value = app.live(); break;
      case 'ticket': vars.set(a, new Ticket(Number(b))); break;
      case 'ticket-round': value = exports.ticketRound(Number(a)); break;
      case 'ticket-number': value = exports.ticketNumber(vars.get(a)); break;
      case 'keep-maybe': value = Number(app.keepMaybe(a === '-' ? undefined : vars.get(a))); break;
      case 'kept-maybe': { const kept = app.keptMaybe(); vars.set(a, kept); value = kept === undefined ? 0 : 1; break; }
      case 'lent-value': value = app.lentValue({ b: vars.get(a), n: Number(b) }); break;
      case 'sum': value = app.sum(a.split(',').map((v) => vars.get(v))); break;
      case 'spawn': { const list = app.spawn(Number(b)); list.forEach((x, i) => vars.set(a + i, x)); value = list.length; break; }
      case 'made': value = made; break;
      case 'disposed': value = disposed; break;
      default: throw new Error('unknown step ' + words.join(' '));
    }

    return value;
  });

  results.push(outcomes);
}

await dispose();
process.stdout.write(JSON.stringify(results));
