// Backup and restore, as an operator runs them: `sen backup` while the server keeps taking writes,
// `sen restore` into an empty data directory (and an empty database), then the restored installation
// holds every write acknowledged before the backup began, its audit chain verifies, it serves the
// uploaded papers byte for byte, and a backup of the stopped installation restores to equal tables and
// files. A damaged backup is refused, naming the file. On SQLite and, when it is up, PostgreSQL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { demoTokens } from '../support/demo_tokens.mjs';
import { createPostgresDatabase, postgresUrl, senBinary, sourceDir, startSen } from '../support/sen_server.mjs';

const pg = postgresUrl();
const backends = pg ? ['sqlite', 'postgres'] : ['sqlite'];
const PDF = Buffer.from('%PDF-1.4 giay chung sinh (ban sao luu) %%EOF');

function sen(args) {
  const out = spawnSync(path.resolve(sourceDir, senBinary()), [...args, '--pack-dir', path.join(sourceDir, 'packs/vn')], {
    encoding: 'utf8',
  });
  return { code: out.status, text: `${out.stdout}${out.stderr}` };
}

const storageFlags = (dataDir, databaseUrl) => ['--data-dir', dataDir, ...(databaseUrl ? ['--database-url', databaseUrl] : [])];

// Every table, row by row, in a stable order.
function tables(dataDir, databaseUrl) {
  if (databaseUrl) {
    const out = spawnSync('pg_dump', ['--data-only', '--inserts', '--no-owner', '--no-privileges', databaseUrl], { encoding: 'utf8', maxBuffer: 1 << 30 });
    assert.equal(out.status, 0, out.stderr);
    return out.stdout.split('\n').filter((l) => l.startsWith('INSERT')).sort();
  }
  const out = spawnSync('sqlite3', [path.join(dataDir, 'sen.db'), '.dump'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.split('\n').filter((l) => l.startsWith('INSERT')).sort();
}

// The data directory's files besides the database, by relative path.
function files(dir, base = dir, out = {}) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const rel = path.relative(base, full);
    if (/^(sen\.db.*|tmp)$/.test(rel)) continue;
    if (statSync(full).isDirectory()) files(full, base, out);
    else out[rel] = readFileSync(full).toString('base64');
  }
  return out;
}

for (const backend of backends) {
  describe(`backup and restore on ${backend}`, { timeout: 300_000 }, () => {
    const work = mkdtempSync(path.join(tmpdir(), 'sen-backup-'));
    after(() => rmSync(work, { recursive: true, force: true }));
    const dataDir = path.join(work, 'data');
    const databaseUrl = backend === 'postgres' ? createPostgresDatabase(pg) : null;

    it('restores everything acknowledged before a backup taken under load', async () => {
      const server = await startSen({ dataDir, databaseUrl, env: { SEN_AUTH_WRITES_PER_MINUTE_PER_ACCOUNT: '100000' } });
      const accounts = JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8'));
      const token = demoTokens(() => server.url, () => accounts);
      const citizen = { authorization: `Bearer ${await token('001099012345')}` };
      const call = (method, target, body, headers = {}) =>
        fetch(server.url + target, {
          method,
          headers: { ...citizen, ...(typeof body === 'string' || body instanceof Buffer ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : body instanceof Buffer ? body : JSON.stringify(body),
        });
      const draft = async () => {
        const res = await call('POST', '/api/v1/dossiers', { procedure: '1.001193', place: '00004', form: { child_full_name: 'Trần Sao Lưu' } });
        assert.equal(res.status, 201);
        return (await res.json()).code;
      };
      // A dossier with an uploaded paper.
      const withPaper = await draft();
      const put = await call('PUT', `/api/v1/dossiers/${withPaper}/documents/birth_certificate`, PDF, { 'content-type': 'application/pdf' });
      assert.equal(put.status, 200);

      // Writers keep going while the backup runs.
      const acknowledged = [];
      let writing = true;
      const writer = (async () => {
        while (writing) acknowledged.push({ code: await draft(), at: Date.now() });
      })();
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      const backupDir = path.join(work, 'backup-online');
      const backup = sen(['backup', ...storageFlags(dataDir, databaseUrl), '--to', backupDir]);
      assert.equal(backup.code, 0, backup.text);
      writing = false;
      await writer;
      const before = acknowledged.filter((a) => a.at < started).map((a) => a.code);
      assert.ok(before.length > 0, 'writes were acknowledged before the backup began');
      assert.ok(acknowledged.length > before.length, 'and while it ran');
      const { code } = await server.stop();
      assert.equal(code, 0);

      // Into an empty data directory and an empty database.
      const restoredDir = path.join(work, 'restored');
      const restoredUrl = backend === 'postgres' ? createPostgresDatabase(pg) : null;
      const restored = sen(['restore', '--from', backupDir, ...storageFlags(restoredDir, restoredUrl)]);
      assert.equal(restored.code, 0, restored.text);
      const verified = sen(['audit', 'verify', ...storageFlags(restoredDir, restoredUrl)]);
      assert.equal(verified.code, 0, verified.text);
      assert.match(verified.text, /audit log intact/);
      // Refused a second time: the data directory is no longer empty.
      const again = sen(['restore', '--from', backupDir, ...storageFlags(restoredDir, restoredUrl)]);
      assert.equal(again.code, 1);
      assert.match(again.text, /not empty/);

      const served = await startSen({ command: 'serve', dataDir: restoredDir, databaseUrl: restoredUrl });
      try {
        const auth = { authorization: `Bearer ${await demoTokens(() => served.url, () => accounts)('001099012345')}` };
        for (const c of [withPaper, ...before]) {
          const res = await fetch(`${served.url}/api/v1/dossiers/${c}`, { headers: auth });
          assert.equal(res.status, 200, `${c} acknowledged before the backup is restored`);
        }
        const paper = await fetch(`${served.url}/api/v1/dossiers/${withPaper}/documents/birth_certificate`, { headers: auth });
        assert.equal(paper.status, 200);
        assert.deepEqual(Buffer.from(await paper.arrayBuffer()), PDF);
      } finally {
        await served.stop();
      }
    });

    it('a backup of the stopped installation restores to equal tables and files', () => {
      const backupDir = path.join(work, 'backup-offline');
      const backup = sen(['backup', ...storageFlags(dataDir, databaseUrl), '--to', backupDir]);
      assert.equal(backup.code, 0, backup.text);
      const restoredDir = path.join(work, 'restored-offline');
      const restoredUrl = backend === 'postgres' ? createPostgresDatabase(pg) : null;
      const restored = sen(['restore', '--from', backupDir, ...storageFlags(restoredDir, restoredUrl)]);
      assert.equal(restored.code, 0, restored.text);
      const source = tables(dataDir, databaseUrl);
      assert.ok(source.length > 1000, `${source.length} rows`);
      assert.deepEqual(tables(restoredDir, restoredUrl), source);
      assert.deepEqual(files(restoredDir), files(dataDir));
    });

    it('a damaged backup is refused, naming the file', () => {
      const backupDir = path.join(work, 'backup-offline');
      const manifest = JSON.parse(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
      const victim = manifest.files.find((f) => f.path.startsWith('data/'));
      const file = path.join(backupDir, victim.path);
      const bytes = readFileSync(file);
      bytes[0] ^= 0xff;
      writeFileSync(file, bytes);
      const checked = sen(['restore', '--from', backupDir, '--verify-only', ...storageFlags(path.join(work, 'unused'), null)]);
      assert.equal(checked.code, 1);
      assert.match(checked.text, new RegExp(`${victim.path.replace(/[.]/g, '\\.')} differs from its manifest`));
      const restored = sen(['restore', '--from', backupDir, ...storageFlags(path.join(work, 'never'), null)]);
      assert.equal(restored.code, 1, 'nothing is restored from it');
    });
  });
}
