// The reference host: each package instantiated by its own JavaScript in Node, then driven through the library's C API
// (the raw wasm exports the package's glue hands out), the same steps as Scenarios.cs takes through the bindings.
// Output (stdout): { "sqlite": [lines], "zstd": [lines] }; each line "step: value", long bytes as their SHA-256.
// Pointers are never printed, only whether they are null: the two hosts allocate differently before the first call.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';

const require = createRequire(import.meta.url);

// The inputs both hosts use; Scenarios.cs builds the same bytes.
const pattern = (length, seed) => {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * seed + (i >> 10)) % 251;
  return bytes;
};
// A linear congruential generator: bytes that do not compress.
const noise = (length, seed) => {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
};
const text = (repeats) => 'Bindgen binds emscripten libraries. '.repeat(repeats);
const base64 = (bytes) => Buffer.from(bytes).toString('base64');
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function sqlite() {
  const sqlite3 = await sqlite3InitModule();
  const wasm = sqlite3.wasm;
  const c = wasm.exports;
  const lines = [];
  const say = (step, value) => lines.push(`${step}: ${value}`);
  const cstr = (s) => wasm.allocCString(s);
  const out = () => { const p = wasm.alloc(4); wasm.poke32(p, 0); return p; };
  const read32 = (p) => wasm.peek32(p);
  const bytesAt = (p, n) => wasm.heap8u().slice(p, p + n);

  say('libversion', wasm.cstrToJs(c.sqlite3_libversion()));
  say('libversion_number', c.sqlite3_libversion_number());
  say('sourceid', wasm.cstrToJs(c.sqlite3_sourceid()));
  say('complete(select 1;)', c.sqlite3_complete(cstr('select 1;')));
  say('complete(select 1)', c.sqlite3_complete(cstr('select 1')));

  const ppDb = out();
  say('open_v2', c.sqlite3_open_v2(cstr(':memory:'), ppDb, 6, 0));
  const db = read32(ppDb);
  say('db', db !== 0 ? 'non-null' : 'null');

  const exec = (sql) => {
    const pErr = out();
    const rc = c.sqlite3_exec(db, cstr(sql), 0, 0, pErr);
    const err = read32(pErr);
    say(`exec(${sql.slice(0, 40)})`, `${rc} ${err === 0 ? '-' : wasm.cstrToJs(err)}`);
    c.sqlite3_free(err);
  };
  exec('create table t(id integer primary key, name text, data blob, score real)');
  exec('crate table u(x)');
  exec('insert into t(name, score) values (\'plain\', 1.5)');
  say('changes', c.sqlite3_changes(db));
  say('last_insert_rowid', c.sqlite3_last_insert_rowid(db));

  const prepare = (sql) => {
    const ppStmt = out();
    const pTail = out();
    const rc = c.sqlite3_prepare_v2(db, cstr(sql), -1, ppStmt, pTail);
    const stmt = read32(ppStmt);
    say(`prepare(${sql.slice(0, 40)})`, `${rc} ${stmt !== 0 ? 'non-null' : 'null'} tail=${wasm.cstrToJs(read32(pTail))}`);
    if (rc !== 0) say('errmsg', wasm.cstrToJs(c.sqlite3_errmsg(db)));
    return stmt;
  };

  const insert = prepare('insert into t(name, data, score) values (?, ?, ?); select 1');
  const rows = [
    ['héllo wörld ✓ 🎉', noise(100, 7), 2.25],
    ['', pattern(0, 3), -0.5],
    ['big', pattern(10 << 20, 13), 1e300],
  ];
  for (const [name, data, score] of rows) {
    // A C string, read to its NUL (n = -1), copied by sqlite (SQLITE_TRANSIENT = -1).
    const pName = cstr(name);
    say('bind_text', c.sqlite3_bind_text(insert, 1, pName, -1, -1));
    wasm.dealloc(pName);
    if (data.length === 0) {
      // An empty blob, not NULL: sqlite binds NULL for a null pointer, so the C API has zeroblob for this.
      say('bind_zeroblob', c.sqlite3_bind_zeroblob(insert, 2, 0));
    } else {
      const pData = wasm.alloc(data.length);
      wasm.heap8u().set(data, pData);
      say('bind_blob', c.sqlite3_bind_blob(insert, 2, pData, data.length, -1));
      wasm.dealloc(pData);
    }
    say('bind_double', c.sqlite3_bind_double(insert, 3, score));
    say('step', c.sqlite3_step(insert));
    say('reset', c.sqlite3_reset(insert));
    say('last_insert_rowid', c.sqlite3_last_insert_rowid(db));
  }
  say('finalize', c.sqlite3_finalize(insert));

  const select = prepare('select id, name, data, score, length(data), typeof(data) from t order by id');
  say('column_count', c.sqlite3_column_count(select));
  for (let i = 0; i < 6; i++) say(`column_name(${i})`, wasm.cstrToJs(c.sqlite3_column_name(select, i)));
  for (;;) {
    const rc = c.sqlite3_step(select);
    say('step', rc);
    if (rc !== 100) break;
    const namePtr = c.sqlite3_column_text(select, 1);
    const dataPtr = c.sqlite3_column_blob(select, 2);
    const dataLength = c.sqlite3_column_bytes(select, 2);
    const data = dataPtr === 0 ? new Uint8Array(0) : bytesAt(dataPtr, dataLength);
    say('row', [
      c.sqlite3_column_int(select, 0),
      namePtr === 0 ? 'NULL' : wasm.cstrToJs(namePtr),
      dataLength,
      sha256(data),
      c.sqlite3_column_double(select, 3),
      c.sqlite3_column_int(select, 4),
      wasm.cstrToJs(c.sqlite3_column_text(select, 5)),
    ].join(' | '));
  }
  say('finalize', c.sqlite3_finalize(select));

  const missing = prepare('select * from nosuch');
  say('missing stmt', missing === 0 ? 'null' : 'non-null');
  say('errcode', c.sqlite3_errcode(db));
  say('errstr(19)', wasm.cstrToJs(c.sqlite3_errstr(19)));

  const scalar = (sql) => {
    const stmt = prepare(sql);
    say('step', c.sqlite3_step(stmt));
    const p = c.sqlite3_column_text(stmt, 0);
    say('value', p === 0 ? 'NULL' : wasm.cstrToJs(p));
    say('finalize', c.sqlite3_finalize(stmt));
  };
  scalar("select datetime(1700000000, 'unixepoch')");
  scalar("select strftime('%Y-%m-%d %H:%M:%S', 1700000000, 'unixepoch', 'localtime')");
  scalar("select julianday('2000-01-01 12:00:00')");
  scalar("select printf('%.3f|%5d|%s', 3.14159, 42, 'x')");
  scalar('select upper(name) from t where id = 2');
  scalar("select group_concat(name, ',') from t");
  scalar("select json_object('a', 1, 'b', 'two')");

  say('close_v2', c.sqlite3_close_v2(db));
  return lines;
}

async function zstd() {
  const package_ = require('@bokuweb/zstd-wasm');
  await package_.init();
  const { Module } = require('./node_modules/@bokuweb/zstd-wasm/dist/common/module.js');
  const lines = [];
  const say = (step, value) => lines.push(`${step}: ${value}`);

  const inputs = [
    ['empty', new Uint8Array(0)],
    ['text', new TextEncoder().encode(text(1000))],
    ['pattern', pattern(100000, 7)],
    ['noise', noise(200000, 42)],
    ['large', pattern(20 << 20, 3)],
  ];
  for (const [name, input] of inputs) {
    say(`compressBound(${name})`, Module._ZSTD_compressBound(input.length));
    for (const level of [1, 3, 19]) {
      if (name === 'large' && level === 19) continue;
      const compressed = package_.compress(input, level);
      say(`compress(${name}, ${level})`, `${compressed.length} ${compressed.length > 256 ? sha256(compressed) : base64(compressed)}`);
      if (level === 3) {
        const back = package_.decompress(compressed);
        say(`decompress(${name})`, `${back.length} ${Buffer.compare(Buffer.from(back), Buffer.from(input)) === 0 ? 'same' : 'different'}`);
      }
    }
  }

  // The C API's own errors: codes the library returns, tested with ZSTD_isError, as the package's glue calls them.
  const call = (fn, bytes, capacity) => {
    const src = Module._malloc(Math.max(1, bytes.length));
    Module.HEAPU8.set(bytes, src);
    const dst = Module._malloc(Math.max(1, capacity));
    const code = fn(dst, capacity, src, bytes.length);
    Module._free(src);
    Module._free(dst);
    return `${code >>> 0} isError=${Module._ZSTD_isError(code)}`;
  };
  const good = package_.compress(new TextEncoder().encode(text(10)), 3);
  say('decompress(garbage)', call(Module._ZSTD_decompress, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 64));
  say('decompress(too small)', call(Module._ZSTD_decompress, good, 10));
  say('decompress(truncated)', call(Module._ZSTD_decompress, good.subarray(0, good.length - 3), 1000));
  say('compress(too small)', call((d, dc, s, sl) => Module._ZSTD_compress(d, dc, s, sl, 3), pattern(5000, 11), 16));
  return lines;
}

process.stdout.write(JSON.stringify({ sqlite: await sqlite(), zstd: await zstd() }));
