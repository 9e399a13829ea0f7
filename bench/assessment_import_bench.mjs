#!/usr/bin/env node
// Importing survey assessments: `sen assessments import` of 100,000 SME assessments from CSV (every row
// read, checked against the framework and scored, then written in one transaction), against a
// reference measured in the same run on the same database: the same rows inserted by SQLite's own
// shell from a script of INSERT statements in one transaction (the database's bulk path, with no
// checking at all). Target: the import keeps at least half of the reference's rate. Then a file with
// one bad row in the middle must import nothing and name the row and the column.
//
//   node bench/assessment_import_bench.mjs [--rows N] [--strict]
//
// Needs a Release build (SEN_BINARY, default build/release/src/cli/sen) and sqlite3.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSen, sourceDir } from '../tests/support/sen_server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};
const ROWS = Number(option('rows', 100_000));
const STRICT = args.includes('--strict');
const TARGET_RATIO = 0.5;
process.env.SEN_BINARY ??= path.join(here, '../build/release/src/cli/sen');

// A deterministic pseudo-random sequence, so every run imports the same file.
let seed = 20261203;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const some = (list) => list.filter(() => random() < 0.5);

const INDUSTRIES = {
  manufacturing: ['accounting', 'e_invoice', 'erp', 'mes', 'warehouse', 'accounting+e_invoice', 'erp+mes'],
  retail: ['accounting', 'e_invoice', 'pos', 'ecommerce', 'crm', 'accounting+e_invoice', 'pos+crm'],
  agriculture: ['accounting', 'traceability', 'iot', 'ecommerce', 'traceability+ecommerce'],
  logistics: ['accounting', 'e_invoice', 'fleet', 'warehouse', 'fleet+warehouse'],
  tourism: ['accounting', 'booking', 'payment', 'crm', 'booking+payment'],
};
const HEADER = ['subject_id', 'subject_name', 'industry', 'size', 'place', 'tools_used', 'dx_plan', 'dx_budget',
  'channels', 'online_revenue', 'paperless', 'data_use', 'skills', 'security'];

// Tools and the links whose two tools are both chosen.
function tools(industry) {
  const chosen = some(INDUSTRIES[industry].filter((t) => !t.includes('+')));
  const links = INDUSTRIES[industry].filter((t) => t.includes('+') && t.split('+').every((x) => chosen.includes(x)));
  return [...chosen, ...links].join(';') || 'na';
}

function row(i, places) {
  const industry = pick(Object.keys(INDUSTRIES));
  return [
    String(1000000000 + i), `Doanh nghiệp khảo sát ${i}`, industry, pick(['micro', 'small', 'medium']), pick(places),
    tools(industry), pick(['none', 'idea', 'written', 'funded']), pick(['lt1', '1to3', '3to5', 'gte5']),
    some(['website', 'social', 'marketplace', 'own_app', 'chat']).join(';') || 'na', String(Math.floor(random() * 60)),
    pick(['paper', 'some', 'most', 'all']), pick(['none', 'manual', 'dashboard', 'predictive']),
    pick(['none', 'some', 'half', 'most']), some(['backup', 'antivirus', 'mfa', 'policy']).join(';') || 'na',
  ];
}

const csv = (rows) => `${rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(',')).join('\n')}\n`;
const sqlite = (db, sql) => execFileSync('sqlite3', [db, sql], { encoding: 'utf8', maxBuffer: 1 << 30 }).trim();

function senImport(dataDir, file) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.env.SEN_BINARY, ['assessments', 'import', file, '--framework', 'dbi-sme',
    '--data-dir', dataDir, '--pack-dir', path.join(sourceDir, 'packs/vn')], { encoding: 'utf8' });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sen-bench-import-'));
  const demo = await startSen({ dataDir });
  await demo.stop();
  const db = path.join(dataDir, 'sen.db');
  const places = sqlite(db, "SELECT code FROM places WHERE level IN ('province', 'commune')").split('\n');
  const pristine = path.join(dataDir, 'pristine.db');
  copyFileSync(db, pristine);

  const rows = Array.from({ length: ROWS }, (_, i) => row(i, places));
  const good = path.join(dataDir, 'survey.csv');
  writeFileSync(good, csv([HEADER, ...rows]));

  // One bad row in the middle: nothing may be written, and the row and the column are named.
  const middle = Math.floor(ROWS / 2);
  const badRows = rows.map((r, i) => (i === middle ? r.map((v, c) => (HEADER[c] === 'dx_plan' ? 'sometimes' : v)) : r));
  const bad = path.join(dataDir, 'survey-bad.csv');
  writeFileSync(bad, csv([HEADER, ...badRows]));
  const refused = senImport(dataDir, bad);
  const countAfterBad = Number(sqlite(db, 'SELECT count(*) FROM assessments'));
  const named = refused.stderr.includes(`row ${middle + 2}, dx_plan:`);

  const imported = senImport(dataDir, good);
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);
  const count = Number(sqlite(db, 'SELECT count(*) FROM assessments'));

  // The reference: the same rows as INSERT statements, run by sqlite3 in one transaction into a copy of
  // the database as it was before the import (same schema, indexes and settings).
  const inserts = execFileSync('sqlite3', [db, '.mode insert assessments', 'SELECT * FROM assessments'],
    { encoding: 'utf8', maxBuffer: 1 << 30 });
  const script = path.join(dataDir, 'reference.sql');
  writeFileSync(script, `PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\nBEGIN IMMEDIATE;\n${inserts}COMMIT;\n`);
  const started = process.hrtime.bigint();
  execFileSync('sh', ['-c', `sqlite3 "${pristine}" < "${script}"`]);
  const referenceSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const referenceCount = Number(sqlite(pristine, 'SELECT count(*) FROM assessments'));

  const senRate = ROWS / imported.seconds;
  const referenceRate = referenceCount / referenceSeconds;
  const ratio = senRate / referenceRate;
  const result = {
    rows: ROWS,
    sen: { seconds: Number(imported.seconds.toFixed(2)), rows_per_second: Math.round(senRate), imported: count },
    reference_sqlite_inserts: { seconds: Number(referenceSeconds.toFixed(2)), rows_per_second: Math.round(referenceRate) },
    ratio: Number(ratio.toFixed(2)),
    target_ratio: TARGET_RATIO,
    bad_row: { exit_status: refused.status, written: countAfterBad, names_row_and_column: named, first_error: refused.stderr.split('\n')[0] },
  };
  console.log(JSON.stringify(result, null, 2));
  // The line bench/run_all.sh gathers into docs/performance.md's table of targets.
  console.log(`target: assessment rows imported / SQLite's own INSERTs = ${ratio.toFixed(2)} (>= ${TARGET_RATIO}) ${ratio >= TARGET_RATIO ? 'met' : 'not met'}`);
  rmSync(dataDir, { recursive: true, force: true });
  const ok = ratio >= TARGET_RATIO && count === ROWS && refused.status === 1 && countAfterBad === 0 && named;
  if (!ok) {
    console.error('target missed');
    if (STRICT) process.exit(1);
  }
}

await main();
