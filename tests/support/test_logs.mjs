// The logs of the whole test run, kept for tests/support/scan_logs.mjs: every sen server's standard
// output and error, and the secrets the run handed out (demo passwords, bearer tokens), which must
// never appear in those logs. Nothing is kept unless SEN_TEST_LOG_DIR is set (ctest sets it).
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.SEN_TEST_LOG_DIR || null;
if (dir) mkdirSync(dir, { recursive: true });

let serial = 0;

// A file for one server's output; `write(chunk)` appends to it.
export function serverLog(label) {
  if (!dir) return { write() {} };
  const file = path.join(dir, `${process.pid}-${++serial}-${label}.log`);
  return { write(chunk) { appendFileSync(file, chunk); } };
}

// A secret handed out during the run; the scan fails if one appears in a log.
export function recordSecret(value) {
  if (!dir || !value) return;
  appendFileSync(path.join(dir, 'secrets.list'), `${value}\n`);
}
