// Crash safety, permanently tested: while clients create dossiers, upload their papers, submit them and
// the receiving officer accepts them, an enterprise answers DX self-assessments and an analyst imports
// statistics, `sen` is killed with SIGKILL, again and again. After each restart every acknowledged
// change is there exactly once (one submission and one acceptance per dossier, the paper's bytes
// intact, each saved answer, each imported value), the data brain's figures equal a recount from the
// database, and at the end the audit chain verifies. A stored file whose row never committed (left by an upload the kill cut short)
// is removed at start. On SQLite and, when it is up, PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { demoTokens } from '../support/demo_tokens.mjs';
import { createPostgresDatabase, postgresUrl, senBinary, sourceDir, startSen } from '../support/sen_server.mjs';

const pg = postgresUrl();
const backends = pg ? ['sqlite', 'postgres'] : ['sqlite'];
const ROUNDS = Number(process.env.SEN_CRASH_ROUNDS ?? 3);
const LOAD_MS = Number(process.env.SEN_CRASH_LOAD_MS ?? 2500);
const FORM = {
  child_full_name: 'Hoàng Bền Vững', child_gender: 'Nam', child_birth_date: '2026-11-30', birth_place: 'Bệnh viện Phụ sản Hà Nội',
  ethnicity: 'Kinh', nationality: 'Việt Nam', hometown: 'Nam Định', declarant_relationship: 'Cha',
};
const paper = (code) => Buffer.from(`%PDF-1.4 giay chung sinh ${code} %%EOF`);

function sql(dataDir, databaseUrl, query) {
  const out = databaseUrl
    ? spawnSync('psql', [databaseUrl, '-tAq', '-c', query], { encoding: 'utf8' })
    : spawnSync('sqlite3', [path.join(dataDir, 'sen.db'), query], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.trim();
}

for (const backend of backends) {
  describe(`crash safety on ${backend}`, { timeout: Math.max(600_000, ROUNDS * 30_000) }, () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sen-crash-'));
    const databaseUrl = backend === 'postgres' ? createPostgresDatabase(pg) : null;
    let server = null;
    // A failed check leaves the server running; it must not keep the suite waiting.
    after(() => {
      if (server && server.proc.exitCode === null && server.proc.signalCode === null) server.proc.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });

    it(`keeps every acknowledged change through ${ROUNDS} kills under load`, async () => {
      const env = { SEN_AUTH_WRITES_PER_MINUTE_PER_ACCOUNT: '1000000' };
      server = await startSen({ dataDir, databaseUrl, env });
      const accounts = JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8'));
      // What the server acknowledged, by dossier: created, paper stored, submitted, accepted.
      const acked = new Map();
      const mark = (code, what) => acked.set(code, { ...(acked.get(code) ?? {}), [what]: true });
      // Assessments by id: the last online_revenue answer acknowledged and the last one sent (a save cut
      // off by the kill may or may not have committed). Statistics by period: the value.
      const assessments = new Map();
      const statistics = new Map();
      let serial = 0;

      for (let round = 0; round < ROUNDS; round++) {
        const tokens = demoTokens(() => server.url, () => accounts);
        const citizen = { authorization: `Bearer ${await tokens('001099012345')}` };
        const officer = { authorization: `Bearer ${await tokens('tiepnhan.badinh')}` };
        const url = server.url;
        let killed = false;
        // One client's journey, step by step; a step cut off by the kill is simply not acknowledged.
        const journey = async () => {
          while (!killed) {
            try {
              let res = await fetch(`${url}/api/v1/dossiers`, {
                method: 'POST', headers: { ...citizen, 'content-type': 'application/json' },
                body: JSON.stringify({ procedure: '1.001193', place: '00004', form: FORM }),
              });
              if (res.status !== 201) continue;
              const { code } = await res.json();
              mark(code, 'created');
              res = await fetch(`${url}/api/v1/dossiers/${code}/documents/birth_certificate`, {
                method: 'PUT', headers: { ...citizen, 'content-type': 'application/pdf' }, body: paper(code),
              });
              if (res.status !== 200) continue;
              mark(code, 'paper');
              res = await fetch(`${url}/api/v1/dossiers/${code}/submit`, { method: 'POST', headers: citizen });
              if (res.status !== 200) continue;
              mark(code, 'submitted');
              res = await fetch(`${url}/api/v1/dossiers/${code}/actions`, {
                method: 'POST', headers: { ...officer, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'accept' }),
              });
              if (res.status === 200) mark(code, 'accepted');
            } catch {
              // The connection died with the server.
            }
          }
        };
        const business = { authorization: `Bearer ${await tokens('cong.ty.sen')}` };
        const importer = { authorization: `Bearer ${await tokens('phantich')}` };
        // An enterprise saving its answers, one draft after another.
        const assessing = async () => {
          while (!killed) {
            try {
              const res = await fetch(`${url}/api/v1/assessments`, {
                method: 'POST', headers: { ...business, 'content-type': 'application/json' },
                body: JSON.stringify({ framework: 'dbi-sme', industry: 'retail', size: 'small', place: '01', answers: { dx_plan: 'written' } }),
              });
              if (res.status !== 201) continue;
              const { id } = await res.json();
              const state = { acked: null, sent: null };
              assessments.set(id, state);
              for (let revenue = 1; revenue <= 3 && !killed; revenue++) {
                state.sent = revenue;
                const saved = await fetch(`${url}/api/v1/assessments/${id}`, {
                  method: 'PUT', headers: { ...business, 'content-type': 'application/json' },
                  body: JSON.stringify({ answers: { dx_plan: 'written', online_revenue: revenue } }),
                });
                if (saved.status === 200) state.acked = revenue;
              }
            } catch {
              // The connection died with the server.
            }
          }
        };
        // An analyst importing one month of cashless payments at a time, each with its own value.
        const importing = async () => {
          while (!killed) {
            const n = ++serial;
            const period = `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
            try {
              const res = await fetch(`${url}/api/v1/statistics/import`, {
                method: 'POST', headers: { ...importer, 'content-type': 'text/csv' },
                body: `element,place,period,value\ncashless_transactions,01,${period},${1000 + n}\n`,
              });
              if (res.status === 201) statistics.set(period, 1000 + n);
            } catch {
              // The connection died with the server.
            }
          }
        };
        const clients = [...Array.from({ length: 6 }, journey), assessing(), importing()];
        await new Promise((r) => setTimeout(r, LOAD_MS * (0.6 + 0.4 * Math.random())));
        server.proc.kill('SIGKILL');
        killed = true;
        await Promise.all(clients);
        await server.exited;

        // A stored file whose row never committed, as a kill between the two leaves one.
        const stray = path.join(dataDir, 'files', 'documents', `${'0'.repeat(32)}.bin`);
        mkdirSync(path.dirname(stray), { recursive: true });
        writeFileSync(stray, 'orphan');
        const old = new Date(Date.now() - 2 * 3600_000);
        utimesSync(stray, old, old);

        server = await startSen({ command: 'serve', dataDir, databaseUrl, env });
        assert.equal(existsSync(stray), false, 'the orphaned file is removed at start');
        const tokens2 = demoTokens(() => server.url, () => accounts);
        const reader = { authorization: `Bearer ${await tokens2('001099012345')}` };
        for (const [code, steps] of acked) {
          const res = await fetch(`${server.url}/api/v1/dossiers/${code}`, { headers: reader });
          assert.equal(res.status, 200, `${code} was acknowledged (round ${round})`);
          const d = await res.json();
          const count = (action) => d.events.filter((e) => e.action === action).length;
          if (steps.paper) {
            const file = await fetch(`${server.url}/api/v1/dossiers/${code}/documents/birth_certificate`, { headers: reader });
            assert.equal(file.status, 200, `${code}'s paper`);
            assert.deepEqual(Buffer.from(await file.arrayBuffer()), paper(code));
          }
          if (steps.submitted) assert.equal(count('submit'), 1, `${code} submitted once`);
          if (steps.accepted) {
            assert.equal(count('accept'), 1, `${code} accepted once`);
            assert.equal(d.status, 'received');
          }
        }
        const owner = { authorization: `Bearer ${await tokens2('cong.ty.sen')}` };
        for (const [id, { acked, sent }] of assessments) {
          const res = await fetch(`${server.url}/api/v1/assessments/${id}`, { headers: owner });
          assert.equal(res.status, 200, `assessment ${id} was acknowledged (round ${round})`);
          if (acked === null) continue;
          const stored = (await res.json()).answers.online_revenue;
          assert.ok(stored >= acked && stored <= sent, `assessment ${id} keeps its saved answer ${acked} (or a later one sent): ${stored}`);
        }
        for (const [period, value] of statistics) {
          const stored = sql(dataDir, databaseUrl,
            `SELECT value FROM statistics_values WHERE element = 'cashless_transactions' AND reported_code = '01' AND period = '${period}'`);
          assert.equal(Number(stored), value, `the imported value for ${period}`);
        }
        // The data brain, rebuilt at start, counts what the database holds.
        const month = sql(dataDir, databaseUrl, "SELECT substr(max(at), 1, 7) FROM dossier_events WHERE action = 'submit'");
        const recount = Number(sql(dataDir, databaseUrl,
          `SELECT count(*) FROM dossier_events WHERE action = 'submit' AND place_code = '00004' AND substr(at, 1, 7) = '${month}'`));
        const analyst = { authorization: `Bearer ${await tokens2('phantich')}` };
        const figure = await (await fetch(
          `${server.url}/api/v1/analytics?indicator=dossiers_received&place=00004&period=${month}`, { headers: analyst })).json();
        assert.equal(figure.rows[0].value, recount, `the data brain counts ${recount} submissions in ${month}`);
      }
      const submitted = [...acked.values()].filter((s) => s.submitted).length;
      assert.ok(submitted > 0, 'submissions were acknowledged between kills');
      assert.ok(assessments.size > 0 && statistics.size > 0, 'assessments and imports were acknowledged');
      console.log(`# crash (${backend}): ${acked.size} dossiers acknowledged, ${submitted} submitted, ` +
        `${assessments.size} assessments, ${statistics.size} statistics imports, ${ROUNDS} kills`);
      const { code } = await server.stop();
      assert.equal(code, 0, `sen stopped with ${code}: ${server.stderr().slice(-3000)}`);
      const verified = spawnSync(path.resolve(sourceDir, senBinary()),
        ['audit', 'verify', '--data-dir', dataDir, ...(databaseUrl ? ['--database-url', databaseUrl] : []), '--pack-dir', path.join(sourceDir, 'packs/vn')],
        { encoding: 'utf8' });
      assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    });
  });
}
