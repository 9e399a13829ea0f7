// What must never be in a log: identity numbers (12 digits starting with a birth-province code),
// passwords and tokens the test run handed out, private keys, and the password of a database URL.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

// Circular 59/2021/TT-BCA's province codes, as src/identity/identity_number.cpp checks them.
const PROVINCES = new Set(('001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 ' +
  '034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 ' +
  '077 079 080 082 083 084 086 087 089 091 092 093 094 095 096').split(' '));

const SHAPES = [
  { what: 'a private key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/g },
  { what: 'a database password', re: /postgres(?:ql)?:\/\/[^:/\s"]+:[^@\s"]+@/g },
  { what: 'a bearer token', re: /Bearer [A-Za-z0-9._~+/-]{16,}/g },
];

// Findings in `text` (one log): [{ what, excerpt }].
export function scanText(text, secrets = []) {
  const found = [];
  const excerpt = (i, n) => text.slice(Math.max(0, i - 40), i + n + 40).replace(/\s+/g, ' ');
  for (const m of text.matchAll(/(?<![0-9])[0-9]{12}(?![0-9])/g)) {
    if (PROVINCES.has(m[0].slice(0, 3))) found.push({ what: 'an identity number', excerpt: excerpt(m.index, 12) });
  }
  for (const { what, re } of SHAPES) {
    for (const m of text.matchAll(re)) found.push({ what, excerpt: excerpt(m.index, m[0].length) });
  }
  for (const secret of secrets) {
    const i = text.indexOf(secret);
    if (i >= 0) found.push({ what: 'a secret handed out in the run', excerpt: excerpt(i, secret.length) });
  }
  return found;
}

// Scans every *.log in `dir` against the secrets listed in dir/secrets.list.
export function scanDirectory(dir) {
  const list = path.join(dir, 'secrets.list');
  const secrets = existsSync(list) ? [...new Set(readFileSync(list, 'utf8').split('\n').filter((s) => s.length >= 8))] : [];
  const logs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.log')) : [];
  let bytes = 0;
  const findings = [];
  for (const name of logs) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    bytes += text.length;
    for (const f of scanText(text, secrets)) findings.push({ log: name, ...f });
  }
  return { logs: logs.length, bytes, secrets: secrets.length, findings };
}
