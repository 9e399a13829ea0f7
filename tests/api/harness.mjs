// Data-driven API tests, in the spirit of DuckDB's sqllogictest: each tests/api/cases/*.api file
// holds requests and the responses expected, replayed against a real server.
//
//   ### what this case checks
//   GET /api/v1/places/01            request line (method and target)
//   Content-Type: application/json   request headers, then a blank line and an optional body
//
//   {"a": 1}
//   ---
//   200                              expected status
//   Content-Type: application/json   expected headers (value must match exactly)
//
//   {"code": "01"}                   expected JSON: a subset of the actual body; "<any>" matches any
//                                    value; an array ending in "..." may have more elements
//
// Sessions and state across the cases of one file:
//   As: tiepnhan.badinh              request header: send as this demo account (bearer token)
//   Save: code = code                response line: keep a value of the answer (dot path) for later
//   {{code}}                         in the target, headers or body: a saved value; as a whole
//                                    expected JSON string, the saved value itself
//   Within: 1500                     request header: the answer may take this many milliseconds to
//                                    come true (figures the data brain counts after a commit); the
//                                    request is repeated until it does or the time is up
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { recordSecret } from '../support/test_logs.mjs';

export function parseCases(text, file) {
  const cases = [];
  for (const chunk of text.split(/^### /m).slice(1)) {
    const [title, ...rest] = chunk.split('\n');
    const [requestPart, responsePart] = rest.join('\n').split(/^---$/m);
    if (responsePart === undefined) throw new Error(`${file}: case "${title}" has no --- separator`);
    const request = parseMessage(requestPart.trim());
    const [method, target] = request.firstLine.split(/\s+/);
    const response = parseMessage(responsePart.trim());
    cases.push({
      title: title.trim(),
      method,
      target,
      headers: request.headers,
      body: request.body,
      status: Number(response.firstLine),
      expectHeaders: response.headers,
      expectBody: response.body ? JSON.parse(response.body) : undefined,
    });
  }
  return cases;
}

function parseMessage(text) {
  const [head, ...bodyParts] = text.split(/\n\s*\n/);
  const [firstLine, ...headerLines] = head.split('\n');
  const headers = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { firstLine: firstLine.trim(), headers, body: bodyParts.join('\n\n').trim() };
}

export function assertSubset(actual, expected, where = '$') {
  if (expected === '<any>') return;
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected an array`);
    const open = expected.at(-1) === '...';
    const items = open ? expected.slice(0, -1) : expected;
    if (open) assert.ok(actual.length >= items.length, `${where}: expected at least ${items.length} items`);
    else assert.equal(actual.length, items.length, `${where}: array length`);
    items.forEach((e, i) => assertSubset(actual[i], e, `${where}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) {
      assert.ok(k in actual, `${where}.${k} missing in ${JSON.stringify(actual)}`);
      assertSubset(actual[k], v, `${where}.${k}`);
    }
    return;
  }
  assert.deepEqual(actual, expected, `${where}`);
}

// What the cases of one file share: saved values and signed-in demo accounts.
export function caseContext(baseUrl, accounts = []) {
  return { baseUrl, accounts, vars: {}, tokens: {} };
}

function substitute(text, vars) {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    assert.ok(name in vars, `{{${name}}} was not saved by an earlier case`);
    return String(vars[name]);
  });
}

async function tokenFor(ctx, username) {
  if (!ctx.tokens[username]) {
    const account = ctx.accounts.find((a) => a.username === username);
    assert.ok(account, `no demo account ${username}`);
    const res = await fetch(ctx.baseUrl + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: account.password, token: true }),
    });
    assert.equal(res.status, 200, `login as ${username}`);
    ctx.tokens[username] = (await res.json()).token;
    recordSecret(ctx.tokens[username]);
  }
  return ctx.tokens[username];
}

// Expected values may name a saved value: "{{code}}" stands for it, whatever its type.
function withSaved(expected, vars) {
  if (typeof expected === 'string') {
    const m = /^\{\{(\w+)\}\}$/.exec(expected);
    if (!m) return expected;
    assert.ok(m[1] in vars, `{{${m[1]}}} was not saved by an earlier case`);
    return vars[m[1]];
  }
  if (Array.isArray(expected)) return expected.map((e) => withSaved(e, vars));
  if (expected !== null && typeof expected === 'object') {
    return Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, withSaved(v, vars)]));
  }
  return expected;
}

function pathValue(value, dotted) {
  return dotted.split('.').reduce((v, key) => (v === undefined || v === null ? undefined : v[key]), value);
}

export async function runCase(baseUrl, c, ctx = caseContext(baseUrl)) {
  const within = Number(c.headers.within ?? 0);
  const deadline = Date.now() + within;
  for (;;) {
    try {
      return await runOnce(baseUrl, c, ctx);
    } catch (e) {
      if (Date.now() >= deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function runOnce(baseUrl, c, ctx) {
  const headers = {};
  for (const [name, value] of Object.entries(c.headers)) {
    if (name === 'within') continue;
    if (name === 'as') headers.authorization = `Bearer ${await tokenFor(ctx, value)}`;
    else headers[name] = substitute(value, ctx.vars);
  }
  const target = substitute(c.target, ctx.vars);
  const res = await fetch(baseUrl + target, {
    method: c.method,
    headers,
    body: c.body === '' ? undefined : substitute(c.body, ctx.vars),
  });
  const text = await res.text();
  assert.equal(res.status, c.status, `status for ${c.method} ${target}: ${text}`);
  const saves = [];
  for (const [name, value] of Object.entries(c.expectHeaders)) {
    if (name === 'save') {
      saves.push(value);
      continue;
    }
    assert.equal(res.headers.get(name), value, `header ${name}`);
  }
  assert.match(res.headers.get('x-request-id') ?? '', /.+/, 'every response has X-Request-Id');
  if (c.expectBody !== undefined) {
    let actual;
    try {
      actual = JSON.parse(text);
    } catch {
      assert.fail(`body is not JSON: ${text.slice(0, 200)}`);
    }
    assertSubset(actual, withSaved(c.expectBody, ctx.vars));
  }
  for (const save of saves) {
    const [name, dotted] = save.split('=').map((x) => x.trim());
    const value = pathValue(JSON.parse(text), dotted);
    assert.ok(value !== undefined, `Save: ${dotted} is not in the answer`);
    ctx.vars[name] = value;
  }
}

export function loadCases(file) {
  return parseCases(readFileSync(file, 'utf8'), file);
}
