// Open data through the CKAN-compatible API, as a CKAN harvester reads it: the whole catalogue paged
// with package_search, package_show for each dataset, datastore_search paged for each table, all
// checked against the downloads; then a live dataset refreshed after a dossier is processed, its
// previous release still downloadable byte for byte; ETag and Last-Modified answers; the error shapes
// CKAN clients expect; disclosure control seen on the published table. SQLite and, when up, PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSen, postgresUrl, createPostgresDatabase } from '../support/sen_server.mjs';
import { demoTokens } from '../support/demo_tokens.mjs';

const pg = postgresUrl();
const backends = pg ? ['sqlite', 'postgres'] : ['sqlite'];

// RFC 4180 with a UTF-8 byte-order mark, as Sen writes it.
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const asCsvCell = (v) => (v === null ? '' : typeof v === 'number' ? String(v) : v);

for (const backend of backends) {
  describe(`open data on ${backend}`, () => {
    let server, accounts;
    before(async () => {
      server = await startSen({
        databaseUrl: backend === 'postgres' ? createPostgresDatabase(pg) : null,
        env: { SEN_AUTH_WRITES_PER_MINUTE_PER_ACCOUNT: '10000' },
      });
      accounts = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
    });
    after(async () => { await server.stop(); });

    const as = demoTokens(() => server.url, () => accounts);
    const ckan = async (action, params = {}, method = 'GET', base = '/api/3/action/') => {
      let res;
      if (method === 'GET') {
        const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
        res = await fetch(`${server.url}${base}${action}?${q}`);
      } else {
        res = await fetch(`${server.url}${base}${action}`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params),
        });
      }
      return { status: res.status, body: await res.json() };
    };
    const api = async (username, method, url, body, type = 'application/json') => {
      const res = await fetch(`${server.url}/api/v1${url}`, {
        method,
        headers: { authorization: `Bearer ${await as(username)}`, 'content-type': type },
        body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    };

    it('harvests every dataset, resource and row exactly once, consistent with the downloads', async () => {
      const list = await ckan('package_list');
      assert.equal(list.status, 200);
      assert.equal(list.body.success, true);
      assert.ok(list.body.result.length >= 6, 'the pack publishes six live datasets');

      const seen = new Map();
      let count = null;
      for (let start = 0; ; start += 2) {
        const page = await ckan('package_search', { q: '*:*', rows: '2', start: String(start), sort: 'metadata_modified desc' });
        assert.equal(page.status, 200);
        count ??= page.body.result.count;
        assert.equal(page.body.result.count, count, 'the count holds across pages');
        if (page.body.result.results.length === 0) break;
        for (const p of page.body.result.results) {
          assert.ok(!seen.has(p.name), `${p.name} seen twice`);
          seen.set(p.name, p);
        }
      }
      assert.equal(seen.size, count);
      assert.deepEqual([...seen.keys()].sort(), [...list.body.result].sort());

      const resources = new Set();
      for (const name of seen.keys()) {
        const shown = await ckan('package_show', { id: name });
        assert.equal(shown.status, 200);
        const pkg = shown.body.result;
        assert.equal(pkg.name, name);
        assert.ok(pkg.organization.title.length > 0);
        assert.equal(pkg.num_resources, pkg.resources.length);
        for (const r of pkg.resources) {
          assert.ok(!resources.has(r.id), `resource ${r.id} twice`);
          resources.add(r.id);
          const one = await ckan('resource_show', { id: r.id });
          assert.equal(one.body.result.url, r.url);
          // Links are absolute on services.public_url; this server listens on a port of its own.
          assert.ok(r.url.startsWith('http://127.0.0.1:8080/api/v1/opendata/datasets/'), r.url);
          const local = server.url + new URL(r.url).pathname;
          if (!r.datastore_active) continue;
          // The table, paged as a harvester pages it, against the CSV download.
          const ids = new Set();
          const records = [];
          let total = null;
          for (let offset = 0; ; offset += 1000) {
            const page = await ckan('datastore_search', { resource_id: r.id, limit: '1000', offset: String(offset) });
            assert.equal(page.status, 200, JSON.stringify(page.body));
            total ??= page.body.result.total;
            if (page.body.result.records.length === 0) break;
            for (const rec of page.body.result.records) {
              assert.ok(!ids.has(rec._id), `row ${rec._id} twice`);
              ids.add(rec._id);
              records.push(rec);
            }
          }
          assert.equal(records.length, total);
          const csv = parseCsv(await (await fetch(local)).text());
          const [header, ...rows] = csv;
          assert.equal(rows.length, records.length, `${r.id}: rows in the CSV`);
          rows.forEach((row, i) => {
            header.forEach((column, j) => assert.equal(row[j], asCsvCell(records[i][column]), `${r.id} row ${i + 1} ${column}`));
          });
        }
      }
      assert.ok(resources.size >= seen.size * 3);
    });

    it('answers GET and POST alike, at both addresses, with facets and a search without diacritics', async () => {
      const get = await ckan('package_search', { q: 'ty le dung han', 'facet.field': ['organization', 'groups'] });
      const post = await ckan('package_search', { q: 'ty le dung han', 'facet.field': ['organization', 'groups'] }, 'POST', '/api/action/');
      assert.deepEqual(get.body.result, post.body.result);
      assert.ok(get.body.result.results.some((p) => p.name === 'ty-le-dung-han-theo-xa-quy'));
      assert.ok(get.body.result.search_facets.organization.items.some((i) => i.name === 'VPCP'));
      const filtered = await ckan('package_search', { fq: 'organization:BKHCN' });
      assert.ok(filtered.body.result.count >= 1);
      assert.ok(filtered.body.result.results.every((p) => p.owner_org === 'BKHCN'));
      const orgs = await ckan('organization_list', { all_fields: 'true' });
      assert.ok(orgs.body.result.some((o) => o.name === 'VPCP' && o.package_count >= 1));
      assert.ok((await ckan('group_list')).body.result.includes('public-services'));
      assert.ok((await ckan('tag_list')).body.result.length > 0);
      assert.equal((await ckan('status_show')).body.result.ckan_version, '2.10.0');
    });

    it('answers errors in CKAN\'s shape', async () => {
      const unknown = await ckan('package_create');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.success, false);
      const missing = await ckan('package_show', { id: 'khong-co' });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.__type, 'Not Found Error');
      const bad = await ckan('package_search', { rows: 'many' });
      assert.equal(bad.status, 409);
      assert.equal(bad.body.error.__type, 'Validation Error');
      assert.deepEqual(bad.body.error.rows, ['Invalid integer']);
      const tooMany = await ckan('package_search', { rows: '1001' });
      assert.equal(tooMany.status, 409, 'opendata.search_rows_max (1000) is the limit');
      assert.deepEqual(tooMany.body.error.rows, ['Must be at most 1000']);
      const tooLong = await ckan('datastore_search', { resource_id: 'ty-le-dung-han-theo-xa-quy-csv', limit: '32001' });
      assert.equal(tooLong.status, 409, 'opendata.datastore_rows_max (32000) is the limit');
      assert.ok('limit' in tooLong.body.error);
      const stray = await ckan('package_search', { qq: 'x' });
      assert.equal(stray.status, 409);
      assert.ok('qq' in stray.body.error);
      const column = await ckan('datastore_search', { resource_id: 'ty-le-dung-han-theo-xa-quy-csv', filters: { nope: 1 } });
      assert.equal(column.status, 409);
    });

    it('searches a table by filters, text and field, sorted, in lists, and pages past its end', async () => {
      const id = 'ty-le-dung-han-theo-xa-quy-csv';
      const all = (await ckan('datastore_search', { resource_id: id, limit: '32000' })).body.result;
      assert.equal(all.records.length, all.total);
      const provinces = all.records.filter((r) => r.level === 'province');
      assert.ok(provinces.length >= 34 && provinces.length < all.total);

      const filtered = (await ckan('datastore_search', { resource_id: id, filters: { level: 'province' }, limit: '32000' })).body.result;
      assert.equal(filtered.total, provinces.length);
      assert.deepEqual(filtered.records, provinces, 'the rows of the whole table that match, in order');

      const hanoi = provinces[0].place_name;
      const byText = (await ckan('datastore_search', { resource_id: id, q: { place_name: hanoi.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') }, filters: { level: 'province' } })).body.result;
      assert.ok(byText.total >= 1 && byText.records.every((r) => r.place_name === hanoi), `search without diacritics for ${hanoi}`);

      const sorted = (await ckan('datastore_search', { resource_id: id, filters: { level: 'province' }, sort: 'place_code desc, period', limit: '32000' })).body.result;
      const expected = [...provinces].sort((a, b) => (a.place_code === b.place_code ? (a.period < b.period ? -1 : a.period > b.period ? 1 : a._id - b._id) : a.place_code < b.place_code ? 1 : -1));
      assert.deepEqual(sorted.records.map((r) => r._id), expected.map((r) => r._id));

      const lists = (await ckan('datastore_search', { resource_id: id, fields: 'place_code,value', records_format: 'lists', offset: '5', limit: '3' })).body.result;
      assert.deepEqual(lists.fields.map((f) => f.id), ['place_code', 'value']);
      assert.deepEqual(lists.records, all.records.slice(5, 8).map((r) => [r.place_code, r.value]));

      const last = (await ckan('datastore_search', { resource_id: id, offset: String(all.total - 2), limit: '1000' })).body.result;
      assert.deepEqual(last.records, all.records.slice(-2));
      const past = (await ckan('datastore_search', { resource_id: id, offset: String(all.total + 10) })).body.result;
      assert.deepEqual(past.records, []);
      assert.equal(past.total, all.total);
    });

    it('refreshes a live dataset after a dossier is processed and keeps the previous release unchanged', async () => {
      const name = 'ho-so-tiep-nhan-theo-tinh-thang';
      const before = (await api('phantich', 'GET', `/opendata/datasets/${name}`)).json;
      const previous = before.releases.at(-1).number;
      const oldUrl = `${server.url}/api/v1/opendata/datasets/${name}/releases/${previous}/data.csv`;
      const oldBytes = Buffer.from(await (await fetch(oldUrl)).arrayBuffer());

      const unchanged = await api('phantich', 'POST', `/opendata/datasets/${name}/refresh`);
      assert.equal(unchanged.status, 200);
      assert.equal(unchanged.json.changed, false);

      // Five birth registrations in Ba Đình, submitted; two processed through to approval.
      const form = { child_full_name: 'Lê Minh Khôi', child_gender: 'Nam', child_birth_date: new Date().toISOString().slice(0, 10),
        birth_place: 'Bệnh viện Phụ sản Hà Nội', ethnicity: 'Kinh', nationality: 'Việt Nam', hometown: 'Hà Nội', declarant_relationship: 'Cha' };
      const codes = [];
      for (let i = 0; i < 5; i++) {
        const d = await api('001099012345', 'POST', '/dossiers', { procedure: '1.001193', place: '00004', form });
        assert.equal(d.status, 201, JSON.stringify(d.json));
        codes.push(d.json.code);
        assert.ok((await api('001099012345', 'PUT', `/dossiers/${d.json.code}/documents/birth_certificate`, '%PDF-1.4 giay chung sinh %%EOF', 'application/octet-stream')).status < 300);
        assert.ok((await api('001099012345', 'POST', `/dossiers/${d.json.code}/submit`)).status < 300);
      }
      for (const code of codes.slice(0, 2)) {
        assert.ok((await api('tiepnhan.badinh', 'POST', `/dossiers/${code}/actions`, { action: 'accept' })).status < 300);
        assert.ok((await api('xuly.badinh', 'POST', `/dossiers/${code}/actions`, { action: 'forward' })).status < 300);
        assert.ok((await api('lanhdao.badinh', 'POST', `/dossiers/${code}/actions`, { action: 'approve' })).status < 300);
      }

      // The data brain counts the events within a second: wait for Ba Đình's figures, then refresh.
      const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(`${server.url}/api/v1/analytics?indicator=dossiers_received,dossiers_processed&place=00004&period=${month}`);
        const figures = Object.fromEntries((await res.json()).rows.map((r) => [r.indicator, r.value]));
        if (figures.dossiers_received === 5 && figures.dossiers_processed === 2) break;
        assert.ok(attempt < 50, `the data brain counted ${JSON.stringify(figures)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const refreshed = await api('phantich', 'POST', `/opendata/datasets/${name}/refresh`);
      assert.equal(refreshed.status, 201);
      assert.equal(refreshed.json.release, previous + 1);
      assert.deepEqual(Buffer.from(await (await fetch(oldUrl)).arrayBuffer()), oldBytes, 'the old release is unchanged');

      const diff = await api('phantich', 'GET', `/opendata/datasets/${name}/diff?from=${previous}&to=${previous + 1}`);
      assert.equal(diff.status, 200);
      for (const place of ['01', 'VN']) {
        const row = diff.json.changed.find((c) => c.after.place_code === place && c.after.period === month);
        assert.ok(row, `${place} changed in ${month}`);
        assert.equal(row.before.value ?? 0, 0);
        assert.equal(row.after.value, 5, 'five dossiers received, at the threshold: published');
      }

      // A citizen may not publish.
      const refused = await api('001099012345', 'POST', `/opendata/datasets/${name}/refresh`);
      assert.equal(refused.status, 403);
    });

    it('hides small counts so that no province total gives one back', async () => {
      // The two dossiers processed above are Ba Đình's only ones: a count of 2, for the commune and Hà Nội.
      // The data brain has counted them (the test before waited for it).
      const refreshed = await api('phantich', 'POST', '/opendata/datasets/ty-le-dung-han-theo-xa-quy/refresh');
      assert.equal(refreshed.status, 201);
      const all = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await ckan('datastore_search', { resource_id: 'ty-le-dung-han-theo-xa-quy-csv', limit: '1000', offset: String(offset) });
        if (page.body.result.records.length === 0) break;
        all.push(...page.body.result.records);
      }
      let hidden = 0;
      const families = new Map();
      for (const r of all) {
        for (const col of ['numerator', 'denominator']) {
          if (r[`${col}_status`]) {
            hidden++;
            assert.equal(r[col], null, 'a hidden count has no value');
          } else if (r[col] !== null) {
            assert.ok(r[col] === 0 || r[col] >= 5, `${r.place_code} ${r.period} ${col}=${r[col]} is published`);
          }
          if (r.value !== null) assert.equal(r.value_status, '');
          const family = `${r.level === 'province' ? r.place_code : r.parent_code} ${r.period} ${col}`;
          const f = families.get(family) ?? { hidden: 0 };
          if (r[`${col}_status`]) f.hidden++;
          families.set(family, f);
        }
      }
      assert.ok(hidden > 0, 'small cells are hidden');
      const badinh = all.find((r) => r.place_code === '00004' && r.numerator_status !== '');
      assert.equal(badinh?.numerator_status, 'S1');
      assert.equal(badinh.value, null);
      assert.equal(badinh.value_status, 'S3');
      for (const [family, f] of families) assert.notEqual(f.hidden, 1, `${family}: one hidden cell alone`);
    });

    it('publishes an agency\'s file checked against its dictionary, and never a personal column', async () => {
      const meta = {
        name: 'truong-hoc-ha-noi', title: { vi: 'Trường học Hà Nội', en: 'Schools of Hà Nội' },
        description: { vi: 'Số học sinh theo trường', en: 'Pupils by school' }, publisher: 'VPCP', theme: 'society',
        keywords: ['giáo dục'], spatial: '01', frequency: 'annual', licence: 'CC-BY-4.0', contact: 'dulieu@hanoi.gov.vn',
      };
      const column = (id, type, extra = {}) => ({ id, type, label: { vi: id, en: id }, definition: { vi: id, en: id }, ...extra });
      const personal = await api('phantich', 'POST', '/opendata/datasets',
        { ...meta, name: 'hoc-sinh', dictionary: [column('ho_ten', 'text', { personal: true }), column('lop', 'text')] });
      assert.equal(personal.status, 400);
      assert.equal(personal.json.field, 'dictionary');
      assert.match(personal.json.detail, /ho_ten/);
      const created = await api('phantich', 'POST', '/opendata/datasets',
        { ...meta, dictionary: [column('school', 'text', { key: true }), column('pupils', 'int'), column('share', 'numeric', { required: false })] });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      assert.equal((await api('001099012345', 'POST', '/opendata/datasets', { ...meta, name: 'khac', dictionary: [column('a', 'text')] })).status, 403);

      const bad = await api('phantich', 'POST', `/opendata/datasets/${meta.name}/releases`,
        'school,pupils,share\nTrường A,420,12.5\nTrường B,nhiều,\n', 'text/csv');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e) => [e.row, e.column]), [[3, 'pupils']]);
      const dry = await api('phantich', 'POST', `/opendata/datasets/${meta.name}/releases?dry_run=true`,
        'school,pupils,share\nTrường A,420,12.5\nTrường B,380,\n', 'text/csv');
      assert.equal(dry.status, 200);
      assert.equal(dry.json.release, null);
      assert.equal((await ckan('package_show', { id: meta.name })).body.result.num_resources, 0, 'nothing published yet');
      const good = await api('phantich', 'POST', `/opendata/datasets/${meta.name}/releases`,
        'school,pupils,share\nTrường A,420,12.5\nTrường B,380,\n', 'text/csv');
      assert.equal(good.status, 201, JSON.stringify(good.json));
      assert.equal(good.json.release, 1);
      const rows = await ckan('datastore_search', { resource_id: `${meta.name}-csv`, q: 'truong b' });
      assert.equal(rows.body.result.total, 1);
      assert.equal(rows.body.result.records[0].pupils, 380);
      assert.equal(rows.body.result.records[0].share, null);
      const found = await ckan('package_search', { q: 'truong hoc', fq: 'groups:society' });
      assert.ok(found.body.result.results.some((p) => p.name === meta.name));
    });

    it('serves downloads with ETag and Last-Modified, and 304 to a mirror that has them', async () => {
      const url = `${server.url}/api/v1/opendata/datasets/ty-le-ho-so-truc-tuyen-theo-tinh-thang/data.csv`;
      const first = await fetch(url);
      assert.equal(first.status, 200);
      const etag = first.headers.get('etag');
      const modified = first.headers.get('last-modified');
      assert.match(etag, /^"[0-9a-f]{64}csv"$/);
      assert.match(modified, /GMT$/);
      const bytes = Buffer.from(await first.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark for spreadsheets');
      assert.equal((await fetch(url, { headers: { 'if-none-match': etag } })).status, 304);
      assert.equal((await fetch(url, { headers: { 'if-modified-since': modified } })).status, 304);
      assert.equal((await fetch(url, { headers: { 'if-none-match': '"other"' } })).status, 200);
      const xlsx = await fetch(url.replace('data.csv', 'data.xlsx'));
      assert.equal(xlsx.status, 200);
      assert.equal(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString(), 'PK');
      const json = await (await fetch(url.replace('data.csv', 'data.json'))).json();
      assert.ok(json.records.length > 0);
    });

    it('exports DCAT-AP JSON-LD for the catalogue and each dataset', async () => {
      const res = await fetch(`${server.url}/api/v1/opendata/catalog.jsonld`);
      assert.equal(res.headers.get('content-type'), 'application/ld+json');
      const catalog = await res.json();
      assert.equal(catalog['@type'], 'dcat:Catalog');
      const names = (await ckan('package_list')).body.result;
      assert.equal(catalog['dcat:dataset'].length, names.length);
      for (const d of catalog['dcat:dataset']) {
        assert.equal(d['@type'], 'dcat:Dataset');
        assert.ok(d['dct:title'].length === 2 && d['dct:description'].length === 2);
        assert.ok(d['dcat:distribution'].every((x) => x['dcat:accessURL'] && x['dcat:downloadURL']));
        assert.ok(d['dct:provenance']['rdfs:label'][0]['@value'].length > 0);
      }
      const one = await (await fetch(`${server.url}/api/v1/opendata/datasets/${names[0]}/dcat.jsonld`)).json();
      assert.equal(one['dct:identifier'], names[0]);
    });
  });
}

describe('open data refreshed on a schedule', () => {
  let server, accounts;
  before(async () => {
    server = await startSen({ env: { SEN_OPENDATA_REFRESH_INTERVAL_SECONDS: '1' } });
    accounts = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
  });
  after(async () => { await server.stop(); });
  const as = demoTokens(() => server.url, () => accounts);

  it('publishes a new release within opendata.refresh_interval_seconds of new data, unasked', async () => {
    const name = 'ho-so-tiep-nhan-theo-tinh-thang';
    const view = async () => (await fetch(`${server.url}/api/v1/opendata/datasets/${name}`)).json();
    const before = (await view()).releases.length;
    const headers = { authorization: `Bearer ${await as('001099012345')}`, 'content-type': 'application/json' };
    const form = { child_full_name: 'Lê Minh Khôi', child_gender: 'Nam', child_birth_date: new Date().toISOString().slice(0, 10),
      birth_place: 'Bệnh viện Phụ sản Hà Nội', ethnicity: 'Kinh', nationality: 'Việt Nam', hometown: 'Hà Nội', declarant_relationship: 'Cha' };
    const d = await (await fetch(`${server.url}/api/v1/dossiers`, { method: 'POST', headers, body: JSON.stringify({ procedure: '1.001193', place: '00004', form }) })).json();
    await fetch(`${server.url}/api/v1/dossiers/${d.code}/documents/birth_certificate`, {
      method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: '%PDF-1.4 giay chung sinh %%EOF' });
    assert.equal((await fetch(`${server.url}/api/v1/dossiers/${d.code}/submit`, { method: 'POST', headers })).status, 200);
    let releases = before;
    for (let i = 0; i < 50 && releases === before; i++) {
      await new Promise((r) => setTimeout(r, 200));
      releases = (await view()).releases.length;
    }
    assert.equal(releases, before + 1, 'one new release, written by the schedule');
  });
});
