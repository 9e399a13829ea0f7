// The scanner behind ctest's log_secrets finds what it is meant to find, and not ordinary log text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanDirectory, scanText } from '../support/log_scan.mjs';

test('flags identity numbers, handed-out secrets, keys and database passwords', () => {
  const what = (text, secrets) => scanText(text, secrets).map((f) => f.what);
  assert.deepEqual(what('login failed for 001099012345'), ['an identity number']);
  assert.deepEqual(what('{"user":"001099012345"}'), ['an identity number']);
  assert.deepEqual(what('connecting to postgresql://sen:hunter22@db/sen'), ['a database password']);
  assert.deepEqual(what('-----BEGIN PRIVATE KEY-----'), ['a private key']);
  assert.deepEqual(what('auth Bearer abcdefghijklmnopqrstu'), ['a bearer token']);
  assert.deepEqual(what('password was Sen-AbCdEf123456 ok', ['Sen-AbCdEf123456']), ['a secret handed out in the run']);
});

test('leaves ordinary log lines alone', () => {
  const lines = [
    '[2026-12-04 11:10:35.123] [info] Sen listening on http://127.0.0.1:40123',
    'user 001******345 signed in', // masked
    'duration_us 1234567890123', // 13 digits
    'seq 999999999999', // 12 digits but no province code 999
    'connecting to postgresql://sen@localhost/sen',
  ];
  assert.deepEqual(scanText(lines.join('\n')), []);
});

test('scans every log of a directory against the listed secrets', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sen-logscan-'));
  try {
    writeFileSync(path.join(dir, 'secrets.list'), 'Sen-AbCdEf123456\nshort\n');
    writeFileSync(path.join(dir, '1-1-demo.log'), 'clean\n');
    writeFileSync(path.join(dir, '1-2-serve.log'), 'oops Sen-AbCdEf123456\n');
    const result = scanDirectory(dir);
    assert.equal(result.logs, 2);
    assert.equal(result.secrets, 1, 'secrets shorter than 8 characters are not scanned for');
    assert.deepEqual(result.findings.map((f) => f.log), ['1-2-serve.log']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
