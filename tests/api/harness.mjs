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
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

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

export async function runCase(baseUrl, c) {
  const res = await fetch(baseUrl + c.target, {
    method: c.method,
    headers: c.headers,
    body: c.body === '' ? undefined : c.body,
  });
  const text = await res.text();
  assert.equal(res.status, c.status, `status for ${c.method} ${c.target}: ${text}`);
  for (const [name, value] of Object.entries(c.expectHeaders)) {
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
    assertSubset(actual, c.expectBody);
  }
}

export function loadCases(file) {
  return parseCases(readFileSync(file, 'utf8'), file);
}
