// Crossing tests: every route that returns or changes a record is tried from the wrong side, on
// SQLite and on PostgreSQL. Officials of one commune never reach another commune's records, citizens
// reach only their own, administrators act only within their agency or place, nobody grants
// themselves a role.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSen, postgresUrl, createPostgresDatabase } from '../support/sen_server.mjs';

const pg = postgresUrl();
if (!pg && process.env.SEN_REQUIRE_POSTGRES === '1') throw new Error('PostgreSQL is required but not running');

for (const backend of pg ? ['sqlite', 'postgres'] : ['sqlite']) {
  describe(`authorization on ${backend}`, () => {
    let server;
    let demo;
    const tokens = {};
    before(async () => {
      server = await startSen({ databaseUrl: backend === 'postgres' ? createPostgresDatabase(pg) : null });
      demo = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
      for (const a of demo) {
        const res = await fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: a.username, password: a.password, token: true }),
        });
        assert.equal(res.status, 200, a.username);
        tokens[a.username] = (await res.json()).token;
      }
    });
    after(() => server.stop());

    const call = async (as, method, p, body) => {
      const res = await fetch(server.url + p, {
        method,
        headers: { authorization: `Bearer ${tokens[as]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const me = async (as) => (await call(as, 'GET', '/api/v1/me')).body;
    const newOfficial = (as, agency, username) => call(as, 'POST', '/api/v1/officials',
      { username, display_name: 'Cán bộ mới', agency_code: agency, password: 'một mật khẩu đủ dài' });

    it('an agency admin creates officials in their agency only', async () => {
      assert.equal((await newOfficial('quantri.badinh', 'UBND-00004', `moi.badinh.${backend}`)).status, 201);
      const other = await newOfficial('quantri.badinh', 'UBND-26740', `moi.saigon.${backend}`);
      assert.equal(other.status, 403);
    });

    it('a province admin acts within the province, not in another', async () => {
      assert.equal((await newOfficial('quantri.hanoi', 'UBND-00004', `hn.${backend}`)).status, 201);
      assert.equal((await newOfficial('quantri.hanoi', 'UBND-26740', `hcm.${backend}`)).status, 403);
    });

    it('officers and citizens create no officials', async () => {
      for (const as of ['tiepnhan.badinh', 'lanhdao.saigon', '001099012345', 'cong.ty.sen']) {
        assert.equal((await newOfficial(as, 'UBND-00004', `x.${as}.${backend}`)).status, 403, as);
      }
    });

    it("an official of commune A never reads commune B's officials; unseen records are 404", async () => {
      const saigonOfficer = (await me('xuly.saigon')).id;
      const badinhOfficer = (await me('xuly.badinh')).id;
      assert.equal((await call('quantri.badinh', 'GET', `/api/v1/officials/${badinhOfficer}`)).status, 200);
      for (const as of ['quantri.badinh', 'tiepnhan.badinh', 'xuly.badinh', '001099012345']) {
        const res = await call(as, 'GET', `/api/v1/officials/${saigonOfficer}`);
        assert.equal(res.status, 404, as);
        assert.doesNotMatch(JSON.stringify(res.body), /xuly\.saigon/);
      }
      assert.equal((await call('quantri.quocgia', 'GET', `/api/v1/officials/${saigonOfficer}`)).status, 200);
    });

    it('roles: within scope only, never to oneself, never beyond the granter\'s powers', async () => {
      const target = (await me('tiepnhan.badinh')).id;
      const grant = (as, body) => call(as, 'POST', '/api/v1/role-grants', { account_id: target, ...body });
      assert.equal((await grant('quantri.badinh', { role: 'processing_officer', scope_kind: 'agency', scope_code: 'UBND-00004' })).status, 201);
      assert.equal((await grant('quantri.badinh', { role: 'processing_officer', scope_kind: 'agency', scope_code: 'UBND-26740' })).status, 403, 'outside their agency');
      assert.equal((await grant('quantri.badinh', { role: 'agency_admin', scope_kind: 'agency', scope_code: 'UBND-00004' })).status, 403, 'an admin role');
      assert.equal((await grant('quantri.hanoi', { role: 'processing_officer', scope_kind: 'place', scope_code: '79' })).status, 403, 'a grant reaching another province');
      assert.equal((await grant('tiepnhan.badinh', { role: 'approving_leader', scope_kind: 'agency', scope_code: 'UBND-00004' })).status, 403, 'to oneself');
      const self = (await me('quantri.hanoi')).id;
      const selfGrant = await call('quantri.hanoi', 'POST', '/api/v1/role-grants',
        { account_id: self, role: 'agency_admin', scope_kind: 'agency', scope_code: 'UBND-00004' });
      assert.equal(selfGrant.status, 403, 'nobody grants themselves a role');
      const saigon = (await me('xuly.saigon')).id;
      const far = await call('quantri.badinh', 'POST', '/api/v1/role-grants',
        { account_id: saigon, role: 'processing_officer', scope_kind: 'agency', scope_code: 'UBND-00004' });
      assert.equal(far.status, 404, 'an official out of reach is not revealed');
      const roles = (await me('tiepnhan.badinh')).roles.map((r) => r.role).sort();
      assert.deepEqual(roles, ['processing_officer', 'receiving_officer']);
    });

    it('a citizen reaches only their own account and tokens', async () => {
      const other = demo.find((a) => a.role === 'business_representative').username;
      const created = await call(other, 'POST', '/api/v1/me/tokens', { name: 'riêng' });
      assert.equal(created.status, 201);
      assert.equal((await call('001099012345', 'DELETE', `/api/v1/me/tokens/${created.body.id}`)).status, 404);
      const list = await call('001099012345', 'GET', '/api/v1/me/tokens');
      assert.ok(!list.body.items.some((t) => t.id === created.body.id));
    });

    it('agencies are created by province admins in their province only', async () => {
      const agency = (as, code, place) => call(as, 'POST', '/api/v1/agencies',
        { code, name: 'Phòng Văn hóa - Xã hội', kind: 'department', place_code: place });
      assert.equal((await agency('quantri.hanoi', `VHXH-00004-${backend}`.toUpperCase(), '00004')).status, 201);
      const dup = await agency('quantri.hanoi', `VHXH-00004-${backend}`.toUpperCase(), '00004');
      assert.equal(dup.status, 409);
      assert.equal(dup.body.field, 'code');
      assert.equal((await agency('quantri.hanoi', 'VHXH-26740', '26740')).status, 403);
      assert.equal((await agency('quantri.badinh', 'VHXH-X', '00004')).status, 403);
      assert.equal((await agency('quantri.quocgia', `VHXH-26740-${backend}`.toUpperCase(), '26740')).status, 201);
      const bad = await agency('quantri.hanoi', 'lower case', '00004');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'code');
    });

    it('officials lists and role revocation stay within scope', async () => {
      const mine = await call('quantri.badinh', 'GET', '/api/v1/officials?agency=UBND-00004');
      assert.equal(mine.status, 200);
      assert.ok(mine.body.items.some((o) => o.username === 'xuly.badinh'));
      assert.equal((await call('quantri.badinh', 'GET', '/api/v1/officials?agency=UBND-26740')).status, 404);
      assert.equal((await call('tiepnhan.badinh', 'GET', '/api/v1/officials?agency=UBND-00004')).status, 404);
      const officer = mine.body.items.find((o) => o.username === 'tiepnhan.badinh');
      const granted = officer.roles.find((g) => g.role === 'processing_officer');
      assert.ok(granted, 'granted in the previous test');
      const saigon = (await call('quantri.quocgia', 'GET', '/api/v1/officials?agency=UBND-26740')).body.items[0].roles[0];
      assert.equal((await call('quantri.badinh', 'DELETE', `/api/v1/role-grants/${saigon.id}`)).status, 404);
      assert.equal((await call('tiepnhan.badinh', 'DELETE', `/api/v1/role-grants/${granted.id}`)).status, 403);
      assert.equal((await call('quantri.badinh', 'DELETE', `/api/v1/role-grants/${granted.id}`)).status, 204);
      assert.deepEqual((await me('tiepnhan.badinh')).roles.map((r) => r.role), ['receiving_officer']);
    });

    it('the audit log records the grants, readable by auditors within their places', async () => {
      const page = await call('kiemtoan', 'GET', '/api/v1/audit?object_type=account&limit=1000');
      assert.equal(page.status, 200);
      assert.ok(page.body.items.some((e) => e.action === 'role.grant' && e.summary.role === 'processing_officer'));
      for (const as of ['quantri.badinh', 'tiepnhan.badinh', '001099012345', 'phantich']) {
        assert.equal((await call(as, 'GET', '/api/v1/audit')).status, 403, as);
      }
    });
  });
}
