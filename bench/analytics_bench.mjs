// The data brain against DuckDB, in one run on the same data (a `sen demo --scale` history):
//  (a) dashboard roll-ups answered by Sen's API — on-time rate by province by month over 24 months, and
//      by commune of one province for one year — against DuckDB computing the same from the raw facts;
//      target: Sen at least 10 times faster;
//  (b) Sen's full rebuild of its sums from the facts it holds against DuckDB's GROUP BY of the same
//      facts; target: at most 2 times DuckDB's time;
//  (c) the engine's memory for the facts and sums (target under 1 GiB for 10 million dossiers);
//  (d) the delay from a committed dossier event to its effect in the API's answer, p99 while
//      submissions run (target under 1 s);
//  (e) the start-up of `sen serve`, reading the facts from the database (target under 60 s).
//
//   node bench/analytics_bench.mjs [--scale small|national] [--data-dir DIR] [--strict]
//
// Needs a Release build (build/release/src/cli/sen), sqlite3, and `npm --prefix bench ci` for DuckDB.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};
const SCALE = option('scale', 'small');
const STRICT = args.includes('--strict');
const SEN = process.env.SEN_BINARY ?? path.join(root, 'build/release/src/cli/sen');
const given = option('data-dir', null);
const dataDir = given ?? mkdtempSync(path.join(tmpdir(), 'sen-analytics-bench-'));
const common = ['--data-dir', dataDir, '--pack-dir', path.join(root, 'packs/vn'), '--web-dir', path.join(root, 'web/dist')];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

// The history, generated once per data directory.
let generateSeconds = null;
if (!existsSync(path.join(dataDir, 'sen.db')) || !given) {
  const t0 = process.hrtime.bigint();
  execFileSync(SEN, ['demo', ...common, '--scale', SCALE, '--seed', '1', '--no-serve'], { stdio: ['ignore', 'ignore', 'inherit'] });
  generateSeconds = ms(t0) / 1000;
}

// (e) start-up, (c) memory: from the server's own log line.
const t0 = process.hrtime.bigint();
const server = spawn(SEN, ['serve', ...common, '--listen', '127.0.0.1:0'], { env: { ...process.env, SEN_LOG_ACCESS: 'false' } });
let log = '';
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`sen did not start in 600 s:\n${log}`)), 600_000);
  const read = (d) => {
    log += d;
    const m = log.match(/listening on (http:\/\/\S+)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  };
  server.stdout.on('data', read);
  server.stderr.on('data', read);
});
const startupMs = ms(t0);
const rssMiB = Number(readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;

const get = async (query) => {
  const res = await fetch(`${url}/api/v1/analytics?${query}`);
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
  return res.json();
};
// The 24 full months before this one.
const now = new Date(Date.now() + 7 * 3600_000);
const months = [];
for (let back = 24; back >= 1; back--) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  months.push(d.toISOString().slice(0, 7));
}
const year = String(now.getUTCFullYear());
const queries = {
  province_by_month: `indicator=on_time_rate&place=VN&level=province&period=${months.join(',')}`,
  commune_of_province_year: `indicator=on_time_rate&place=01&level=commune&period=${year}`,
};
const sen = {};
const senRows = {};
for (const [name, q] of Object.entries(queries)) {
  await get(q);  // warm
  const times = [];
  for (let i = 0; i < 20; i++) {
    const t = process.hrtime.bigint();
    senRows[name] = (await get(q)).rows;
    times.push(ms(t));
  }
  sen[name] = median(times);
}

// DuckDB over the raw facts: the counted events, exported from the same database.
const csv = path.join(dataDir, 'facts.csv');
execFileSync('sqlite3', ['-csv', '-header', '-cmd', `.output ${csv}`, path.join(dataDir, 'sen.db'),
  `SELECT e.place_code AS commune, p.parent_code AS province, substr(e.at, 1, 7) AS month, e.action, ` +
  `coalesce(e.timeliness, '') AS timeliness, e.channel, e.procedure_code, coalesce(e.fee_vnd, 0) AS fee, ` +
  `coalesce(e.paid_online, 0) AS paid_online, coalesce(e.result_digitised, 0) AS digitised, coalesce(e.rating, 0) AS rating ` +
  `FROM dossier_events e JOIN places p ON p.code = e.place_code ` +
  `WHERE e.action IN ('submit', 'approve', 'reject', 'confirm_payment', 'rate')`], { stdio: ['ignore', 'ignore', 'inherit'] });
const instance = await DuckDBInstance.create(':memory:');
const duck = await instance.connect();
await duck.run(`CREATE TABLE facts AS SELECT * FROM read_csv('${csv}', header = true, all_varchar = false, types = {'commune': 'VARCHAR', 'province': 'VARCHAR'})`);
const duckVersion = (await duck.runAndReadAll('SELECT version()')).getRows()[0][0];
const duckQueries = {
  province_by_month:
    `SELECT province, month, 100.0::DOUBLE * sum(CASE WHEN timeliness <> 'late' THEN 1 ELSE 0 END) / count(*) AS rate ` +
    `FROM facts WHERE action IN ('approve', 'reject') AND timeliness <> '' AND month IN (${months.map((m) => `'${m}'`).join(',')}) ` +
    `GROUP BY province, month`,
  commune_of_province_year:
    `SELECT commune, 100.0::DOUBLE * sum(CASE WHEN timeliness <> 'late' THEN 1 ELSE 0 END) / count(*) AS rate ` +
    `FROM facts WHERE action IN ('approve', 'reject') AND timeliness <> '' AND province = '01' AND month LIKE '${year}-%' ` +
    `GROUP BY commune`,
  rebuild:
    `SELECT commune, month, action, timeliness, channel, count(*) FROM facts GROUP BY commune, month, action, timeliness, channel`,
};
const duckMs = {};
const duckRows = {};
for (const [name, q] of Object.entries(duckQueries)) {
  await duck.runAndReadAll(q);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    duckRows[name] = (await duck.runAndReadAll(q)).getRows();
    times.push(ms(t));
  }
  duckMs[name] = median(times);
}
// The same answers: Sen's national rates by province and month equal DuckDB's.
const senRate = new Map(senRows.province_by_month.filter((r) => r.value !== null).map((r) => [`${r.place}|${r.period}`, r.value]));
let mismatches = 0;
for (const [province, month, rate] of duckRows.province_by_month)
  if (Math.abs((senRate.get(`${province}|${month}`) ?? -1) - rate) > 1e-3) mismatches++;  // the API rounds to 4 decimals

// (d) delay from a committed event to the answer, while submissions run.
const accounts = JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8'));
const login = async (username) => {
  const a = accounts.find((x) => x.username === username);
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: a.password, token: true }) });
  return (await res.json()).token;
};
const citizen = await login('001099012345');
const call = async (method, p, body, type = 'application/json') => {
  const res = await fetch(`${url}/api/v1${p}`, { method, headers: { authorization: `Bearer ${citizen}`, 'content-type': type }, body });
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
};
const received = async () => (await get('indicator=dossiers_received&place=00004&period=THIS_MONTH')).rows[0].value;
const delays = [];
const form = { child_full_name: 'Bench', child_gender: 'Nam', child_birth_date: now.toISOString().slice(0, 10), birth_place: 'Hà Nội', ethnicity: 'Kinh', nationality: 'Việt Nam', hometown: 'Hà Nội', declarant_relationship: 'Cha' };
for (let i = 0; i < 40; i++) {
  const d = await call('POST', '/dossiers', JSON.stringify({ procedure: '1.001193', place: '00004', form }));
  await call('PUT', `/dossiers/${d.code}/documents/birth_certificate`, '%PDF-1.4 bench %%EOF', 'application/octet-stream');
  const before = await received();
  await call('POST', `/dossiers/${d.code}/submit`);
  const t = process.hrtime.bigint();
  while ((await received()) === before) await new Promise((r) => setTimeout(r, 5));
  delays.push(ms(t));
}
server.kill('SIGTERM');
await new Promise((r) => server.on('close', r));
// The log reaches a pipe when the server flushes it, at the latest when it exits.
const engine = log.match(/analytics: (\d+) dossier events read, (\d+) facts \((\d+) MiB\).*sums rebuilt in (\d+) ms/);
if (engine === null) throw new Error(`no analytics line in the log:\n${log}`);
const [, events, facts, engineMiB, rebuildMs] = engine.map(Number);
if (!given) rmSync(dataDir, { recursive: true, force: true });
else rmSync(csv, { force: true });

const result = {
  scale: SCALE,
  duckdb: duckVersion,
  generate_seconds: generateSeconds,
  events,
  facts,
  a_province_by_month: { sen_ms: sen.province_by_month, duckdb_ms: duckMs.province_by_month, ratio: duckMs.province_by_month / sen.province_by_month, target: '>= 10' },
  a_commune_of_province_year: { sen_ms: sen.commune_of_province_year, duckdb_ms: duckMs.commune_of_province_year, ratio: duckMs.commune_of_province_year / sen.commune_of_province_year, target: '>= 10' },
  b_rebuild: { sen_ms: rebuildMs, duckdb_ms: duckMs.rebuild, ratio: rebuildMs / duckMs.rebuild, target: '<= 2' },
  c_engine_mib: engineMiB, c_process_rss_mib: Math.round(rssMiB),
  d_event_to_answer_ms: { p50: percentile(delays, 0.5), p99: percentile(delays, 0.99), target: '< 1000' },
  e_startup_ms: Math.round(startupMs),
  answers_equal: mismatches === 0,
};
console.log(JSON.stringify(result, null, 2));
// The lines bench/run_all.sh gathers into docs/performance.md's table of targets.
const targetLine = (what, value, op, limit) => {
  const met = op === '>=' ? value >= limit : op === '<=' ? value <= limit : value < limit;
  console.log(`target: ${what} (${SCALE} scale) = ${value} (${op} ${limit}) ${met ? 'met' : 'not met'}`);
};
targetLine('data brain: province × 24 months, DuckDB ÷ Sen', result.a_province_by_month.ratio.toFixed(1), '>=', 10);
targetLine('data brain: communes of a province × 1 year, DuckDB ÷ Sen', result.a_commune_of_province_year.ratio.toFixed(1), '>=', 10);
// The memory target is set for the national history (10 million dossiers).
if (SCALE === 'national') targetLine('data brain: engine memory MiB', result.c_engine_mib, '<', 1024);
targetLine('data brain: rebuild of the sums, Sen ÷ DuckDB', result.b_rebuild.ratio.toFixed(3), '<=', 2);
targetLine('data brain: event to answer p99 ms', result.d_event_to_answer_ms.p99.toFixed(0), '<', 1000);
targetLine('data brain: start-up ms', result.e_startup_ms, '<', 60_000);
console.log(`target: data brain: rates equal DuckDB's = ${result.answers_equal} (= true) ${result.answers_equal ? 'met' : 'not met'}`);
const ok = result.a_province_by_month.ratio >= 10 && result.a_commune_of_province_year.ratio >= 10 && result.b_rebuild.ratio <= 2 &&
  result.d_event_to_answer_ms.p99 < 1000 && result.e_startup_ms < 60_000 && result.answers_equal;
if (STRICT && !ok) process.exit(1);
