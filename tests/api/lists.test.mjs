// Dossier lists at scale: an agency holding 10,000 dossiers is paged through to its end with cursors,
// with no duplicate and no gap while new dossiers keep arriving; filters and counts agree with what
// was created. Runs on SQLite and, when up, PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSen, postgresUrl, createPostgresDatabase } from '../support/sen_server.mjs';
import { demoTokens } from '../support/demo_tokens.mjs';
import { validForm } from '../support/forms.mjs';

const pg = postgresUrl();
const backends = pg ? ['sqlite', 'postgres'] : ['sqlite'];
const DOSSIERS = Number(process.env.SEN_LIST_TEST_DOSSIERS ?? 10_000);
// Marriage registration: a People's Committee's, free, with no document to upload, so a dossier is
// created and submitted in one step. The form must pass its cross-field rules: two different people,
// of age, the applicant one of them.
const PROCEDURE = '1.000894';
const MARRIAGE = {
  bride_birth_date: '2000-05-01', bride_id_number: '001199008888',
  groom_birth_date: '1999-03-02', groom_id_number: '001099012345',
};
const CONCURRENCY = 16;

for (const backend of backends) {
  describe(`dossier lists on ${backend}`, () => {
    let server, accounts;
    before(async () => {
      server = await startSen({
        databaseUrl: backend === 'postgres' ? createPostgresDatabase(pg) : null,
        env: { SEN_AUTH_WRITES_PER_MINUTE_PER_ACCOUNT: '1000000' },
      });
      accounts = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
    });
    after(async () => {
      await server.stop();
    });

    const token = demoTokens(() => server.url, () => accounts);
    async function get(username, target) {
      const res = await fetch(server.url + target, { headers: { authorization: `Bearer ${await token(username)}` } });
      const body = await res.json();
      assert.equal(res.status, 200, JSON.stringify(body));
      return body;
    }
    async function createMany(n, form) {
      const auth = `Bearer ${await token('001099012345')}`;
      const codes = [];
      let next = 0;
      async function worker() {
        while (next < n) {
          next += 1;
          const res = await fetch(server.url + '/api/v1/dossiers', {
            method: 'POST',
            headers: { authorization: auth, 'content-type': 'application/json' },
            body: JSON.stringify({ procedure: PROCEDURE, place: '00004', form, submit: true }),
          });
          const body = await res.json();
          assert.equal(res.status, 201, JSON.stringify(body));
          codes.push(body.code);
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return codes;
    }
    async function pageThrough(username, query, limit, onPage = async () => {}) {
      const seen = [];
      let cursor = null;
      let pages = 0;
      for (;;) {
        const q = new URLSearchParams({ ...query, limit: String(limit) });
        if (cursor) q.set('cursor', cursor);
        const page = await get(username, `/api/v1/dossiers?${q}`);
        seen.push(...page.items.map((d) => d.code));
        pages += 1;
        await onPage(page);
        if (page.next === null) break;
        assert.equal(page.items.length, limit, 'a page before the last is full');
        cursor = page.next;
      }
      return { seen, pages };
    }

    it(`an officer pages through all ${DOSSIERS} dossiers of the agency while more arrive`, async () => {
      const p = await (await fetch(`${server.url}/api/v1/procedures/${PROCEDURE}`)).json();
      const form = { ...validForm(p.form_schema), ...MARRIAGE };
      const created = new Set(await createMany(DOSSIERS, form));
      assert.equal(created.size, DOSSIERS);

      const arriving = [];
      const { seen, pages } = await pageThrough('tiepnhan.badinh', {}, 1000, async () => {
        arriving.push(...(await createMany(20, form)));
      });
      assert.equal(new Set(seen).size, seen.length, 'no dossier is listed twice');
      const missing = [...created].filter((c) => !seen.includes(c));
      assert.deepEqual(missing.slice(0, 5), [], `${missing.length} dossiers were never listed`);
      assert.ok(pages >= Math.ceil(DOSSIERS / 1000), `${pages} pages`);

      // Counts per status come from counters kept with every change: they match what was created.
      const first = await get('tiepnhan.badinh', '/api/v1/dossiers?limit=1');
      assert.ok(first.counts.submitted >= DOSSIERS + arriving.length, JSON.stringify(first.counts));
      assert.equal(first.total, Object.values(first.counts).reduce((a, b) => a + b, 0));
      // The queue is most urgent first: the order of the pages is the order of their keys.
      const statusOnly = await get('tiepnhan.badinh', '/api/v1/dossiers?status=submitted&limit=1');
      assert.equal(statusOnly.total, first.counts.submitted);
    });

    it('filters by text, submission day and procedure, and pages within a filter', async () => {
      const mine = await get('001099012345', '/api/v1/dossiers?limit=3');
      const code = mine.items[0].code;
      const byCode = await get('tiepnhan.badinh', `/api/v1/dossiers?q=${encodeURIComponent(code)}`);
      assert.deepEqual(byCode.items.map((d) => d.code), [code]);
      assert.equal(byCode.total, null, 'a text filter does not count the table');

      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const { seen } = await pageThrough('tiepnhan.badinh', { procedure: PROCEDURE, submitted_from: today, submitted_to: today }, 997);
      assert.ok(seen.length >= DOSSIERS, `${seen.length} submitted today`);
      assert.equal(new Set(seen).size, seen.length);
      const none = await get('tiepnhan.badinh', '/api/v1/dossiers?submitted_to=2020-01-01');
      assert.deepEqual(none.items, []);
      // Another commune's officer sees none of them; the province administrator sees them all.
      const saigon = await get('tiepnhan.saigon', `/api/v1/dossiers?q=${encodeURIComponent(code)}`);
      assert.deepEqual(saigon.items, []);
      const hanoi = await get('quantri.hanoi', `/api/v1/dossiers?scope=all&q=${encodeURIComponent(code)}`);
      assert.deepEqual(hanoi.items.map((d) => d.code), [code]);
      const province = await get('quantri.hanoi', '/api/v1/dossiers?scope=all&limit=1');
      assert.ok(province.total >= DOSSIERS, `province total ${province.total}`);
    });
  });
}
