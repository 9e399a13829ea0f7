// Identity through the HTTP API: registration, sign-in, sessions with CSRF, tokens, lockout and rate
// limits, the audit log and its verification by `sen audit verify`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startSen, senBinary, sourceDir } from '../support/sen_server.mjs';

const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const cookieOf = (res) => res.headers.get('set-cookie')?.split(';')[0];

describe('identity', () => {
  let server;
  let demo;
  before(async () => {
    server = await startSen({ env: { SEN_AUTH_LOGIN_ATTEMPTS_PER_MINUTE_PER_ACCOUNT: '5', SEN_AUTH_MAX_FAILED_LOGINS: '3' } });
    demo = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
  });
  after(() => server.stop());
  const url = (p) => server.url + p;
  const login = (username, password, extra = {}) => fetch(url('/api/v1/auth/login'), json({ username, password, ...extra }));
  const account = (role) => demo.find((a) => a.role === role);

  it('ships demo accounts for every role, two communes in two provinces', () => {
    for (const role of ['citizen', 'business_representative', 'province_admin', 'national_admin', 'auditor', 'analyst']) {
      assert.ok(account(role), role);
    }
    for (const role of ['receiving_officer', 'processing_officer', 'approving_leader']) {
      // People's Committees' officers in two communes of two provinces (and the commune police's and
      // the immigration office's besides).
      const places = new Set(demo.filter((a) => a.role === role).map((a) => a.place));
      assert.ok(places.has('00004') && places.has('26740'), `${role}: ${[...places]}`);
    }
    assert.match(account('citizen').id_number, /^\d{12}$/);
  });

  it('registers a citizen, signs in with a cookie session, and shows the account without the full number', async () => {
    const reg = await fetch(url('/api/v1/auth/register'), json({ kind: 'citizen', id_number: '079203001234', display_name: 'Lý Thị Mai', password: 'hoa sen nở trong đầm' }));
    assert.equal(reg.status, 201);
    const body = await reg.json();
    assert.equal(body.id_number, '079******234');
    assert.doesNotMatch(JSON.stringify(body), /079203001234/);
    const res = await login('079203001234', 'hoa sen nở trong đầm');
    assert.equal(res.status, 200);
    const cookie = cookieOf(res);
    assert.match(res.headers.get('set-cookie'), /HttpOnly; Secure; SameSite=Strict/);
    const me = await (await fetch(url('/api/v1/me'), { headers: { cookie } })).json();
    assert.equal(me.display_name, 'Lý Thị Mai');
    assert.deepEqual(me.roles.map((r) => r.role), ['citizen']);
  });

  it('refuses a state change by cookie without the CSRF token', async () => {
    const c = account('citizen');
    const res = await login(c.username, c.password);
    const { csrf_token } = await res.json();
    const cookie = cookieOf(res);
    const bare = await fetch(url('/api/v1/me/tokens'), { ...json({ name: 'x' }), headers: { 'content-type': 'application/json', cookie } });
    assert.equal(bare.status, 403);
    assert.equal((await bare.json()).field, 'x-csrf-token');
    const ok = await fetch(url('/api/v1/me/tokens'), { ...json({ name: 'x' }), headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf_token } });
    assert.equal(ok.status, 201);
    const out = await fetch(url('/api/v1/auth/logout'), { method: 'POST', headers: { cookie, 'x-csrf-token': csrf_token } });
    assert.equal(out.status, 204);
    assert.equal((await fetch(url('/api/v1/me'), { headers: { cookie } })).status, 401, 'revoked server-side');
  });

  it('issues bearer tokens shown once, usable, listable without secrets, revocable only by the owner', async () => {
    const c = account('business_representative');
    const { token } = await (await login(c.username, c.password, { token: true })).json();
    const auth = { authorization: `Bearer ${token}` };
    const created = await (await fetch(url('/api/v1/me/tokens'), { ...json({ name: 'báo cáo' }), headers: { 'content-type': 'application/json', ...auth } })).json();
    const list = await (await fetch(url('/api/v1/me/tokens'), { headers: auth })).json();
    assert.ok(list.items.some((t) => t.id === created.id && t.name === 'báo cáo'));
    assert.doesNotMatch(JSON.stringify(list), new RegExp(created.token));
    const other = account('analyst');
    const { token: otherToken } = await (await login(other.username, other.password, { token: true })).json();
    const stolen = await fetch(url(`/api/v1/me/tokens/${created.id}`), { method: 'DELETE', headers: { authorization: `Bearer ${otherToken}` } });
    assert.equal(stolen.status, 404);
    assert.equal((await fetch(url(`/api/v1/me/tokens/${created.id}`), { method: 'DELETE', headers: auth })).status, 204);
    assert.equal((await fetch(url('/api/v1/me'), { headers: { authorization: `Bearer ${created.token}` } })).status, 401);
  });

  it('answers a wrong password and an unknown account identically, then locks, then rate-limits', async () => {
    const c = account('processing_officer');
    const unknown = await login('nobody.here', 'a wrong password');
    const wrong = await login(c.username, 'a wrong password');
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    const a = await unknown.json();
    const b = await wrong.json();
    delete a.instance; delete b.instance;
    assert.deepEqual(a, b);
    await login(c.username, 'a wrong password');
    await login(c.username, 'a wrong password');  // third failure: locked
    assert.equal((await login(c.username, c.password)).status, 401, 'locked even with the right password');
    let limited;
    for (let i = 0; i < 10 && !limited; i++) {
      const r = await login(c.username, 'guess ' + i);
      if (r.status === 429) limited = r;
    }
    assert.ok(limited, 'the brute force is rate limited');
    assert.match(limited.headers.get('retry-after'), /^\d+$/);
  });

  it('lets auditors read the audit log and nobody else', async () => {
    const auditor = account('auditor');
    const { token } = await (await login(auditor.username, auditor.password, { token: true })).json();
    const res = await fetch(url('/api/v1/audit?object_type=account&limit=5'), { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const page = await res.json();
    assert.ok(page.total > 0);
    assert.doesNotMatch(JSON.stringify(page), /001099012345|Sen-/, 'no full identity numbers or passwords');
    const c = account('citizen');
    const { token: ct } = await (await login(c.username, c.password, { token: true })).json();
    assert.equal((await fetch(url('/api/v1/audit'), { headers: { authorization: `Bearer ${ct}` } })).status, 403);
    assert.equal((await fetch(url('/api/v1/audit'))).status, 401);
  });
});

describe('sen audit verify', () => {
  it('passes on an intact log and names the entry a direct database edit altered', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sen-audit-'));
    const server = await startSen({ dataDir });
    await server.stop();
    const run = () => spawnSync(path.resolve(sourceDir, senBinary()), ['audit', 'verify', '--data-dir', dataDir], { encoding: 'utf8' });
    const ok = run();
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /audit log intact: \d+ entries/);
    const edit = spawnSync('sqlite3', [path.join(dataDir, 'sen.db'), "UPDATE audit_log SET summary = '{\"role\":\"national_admin\"}' WHERE seq = 4"]);
    assert.equal(edit.status, 0, String(edit.stderr));
    const broken = run();
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /BROKEN at entry 4/);
  });
});

describe('write limits', () => {
  it('answers 429 with Retry-After once an account exceeds its writes per minute', async () => {
    const server = await startSen({ env: { SEN_AUTH_WRITES_PER_MINUTE_PER_ACCOUNT: '3' } });
    const demo = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
    const c = demo.find((a) => a.role === 'citizen');
    const login = await fetch(`${server.url}/api/v1/auth/login`, json({ username: c.username, password: c.password, token: true }));
    const { token } = await login.json();
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/v1/me/tokens`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: `t${i}` }),
      });
      statuses.push(res.status);
      if (res.status === 429) assert.match(res.headers.get('retry-after'), /^\d+$/);
    }
    assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
    const reads = await fetch(`${server.url}/api/v1/me/tokens`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(reads.status, 200, 'reads are not limited by the write budget');
    await server.stop();
  });
});
