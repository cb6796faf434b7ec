// The JavaScript WASI guest: formatting, the clocks, the random source and
// stdout, all through the WASI 0.2 imports that componentize-js wires up, and
// a file of the preopened directory through wasi:filesystem itself.
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

export const text = {
  greet(name, count) {
    const line = `Hello, ${name}! (${count.toString().padStart(3, '0')}, ${(count / 3).toFixed(2)})`;
    console.log(line);
    return line;
  },
  nowMillis() {
    return BigInt(Date.now());
  },
  randomLine(n) {
    const values = [];
    for (let i = 0; i < n; i++) values.push(Math.random().toFixed(6));
    return values.join(',');
  },
  writeStdout(text) {
    console.log(text);
    return text.length;
  },
  add(a, b) {
    return (a + b) >>> 0;
  },
  readFile(path) {
    try {
      const [dir] = getDirectories()[0];
      const file = dir.openAt({ symlinkFollow: false }, path, {}, { read: true });
      const [bytes] = file.read(file.stat().size, 0n);
      return new TextDecoder().decode(bytes);
    } catch (e) {
      // A thrown value is the result's error: WASI's error code, or the message of anything else.
      throw String(e.payload ?? e.message ?? e);
    }
  },
  linkAndRead(from, to, symbolic) {
    try {
      const [dir] = getDirectories()[0];
      if (symbolic) dir.symlinkAt(from, to);
      else dir.linkAt({}, from, dir, to);
      const file = dir.openAt({ symlinkFollow: true }, to, {}, { read: true });
      const [bytes] = file.read(file.stat().size, 0n);
      return new TextDecoder().decode(bytes);
    } catch (e) {
      throw String(e.payload ?? e.message ?? e);
    }
  },
  setMtime(path, seconds) {
    try {
      const [dir] = getDirectories()[0];
      dir.setTimesAt({}, path, { tag: 'no-change' }, { tag: 'timestamp', val: { seconds, nanoseconds: 0 } });
      return dir.statAt({}, path).dataModificationTimestamp.seconds;
    } catch (e) {
      throw String(e.payload ?? e.message ?? e);
    }
  },
};
