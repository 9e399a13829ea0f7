// The `sen` command as an operator meets it, from fresh data directories.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { senBinary, sourceDir, startSen } from '../support/sen_server.mjs';

function sen(args, env = {}) {
  const r = spawnSync(path.resolve(sourceDir, senBinary()), args, {
    cwd: sourceDir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const packDir = path.join(sourceDir, 'packs/vn');

describe('sen command', () => {
  it('prints its version', () => {
    const r = sen(['version']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^sen \d+\.\d+\.\d+/);
  });

  it('explains every command in --help', () => {
    const r = sen(['--help']);
    assert.equal(r.code, 0);
    for (const c of ['serve', 'demo', 'migrate', 'check-config', 'version']) assert.match(r.out, new RegExp(c));
    assert.match(sen(['serve', '--help']).out, /--listen/);
  });

  it('shows the effective configuration with secrets masked', () => {
    const r = sen(['check-config', '--database-url', 'postgresql://sen:hunter2@db.example/sen'],
      { SEN_SERVER_BODY_LIMIT_BYTES: '2048' });
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, /hunter2/);
    assert.match(r.out, /storage\.database_url\s+= postgresql:\/\/sen:\*\*\*\*@db\.example\/sen/);
    assert.match(r.out, /server\.body_limit_bytes\s+= 2048/);
  });

  it('refuses an unknown setting in the configuration file, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sen-cli-'));
    const file = path.join(dir, 'sen.toml');
    writeFileSync(file, '[server]\nlisen = "127.0.0.1:1"\n');
    const r = sen(['check-config', '--config', file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /server\.lisen/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad value from the environment, naming the variable', () => {
    const r = sen(['check-config'], { SEN_SERVER_MAX_CONNECTIONS: 'lots' });
    assert.equal(r.code, 2);
    assert.match(r.err, /SEN_SERVER_MAX_CONNECTIONS/);
  });

  it('will not serve an unmigrated database, then serves once migrated', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sen-cli-'));
    const refused = sen(['serve', '--data-dir', dir, '--listen', '127.0.0.1:0', '--pack-dir', packDir]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /run `sen migrate`/);
    const migrated = sen(['migrate', '--data-dir', dir, '--pack-dir', packDir]);
    assert.equal(migrated.code, 0, migrated.err);
    assert.match(migrated.err, /3356 administrative units/);
    const again = sen(['migrate', '--data-dir', dir, '--pack-dir', packDir]);
    assert.equal(again.code, 0, 'migrate is idempotent');
    const server = await startSen({ command: 'serve', dataDir: dir });
    const res = await fetch(`${server.url}/api/v1/places/79`);
    assert.equal((await res.json()).name, 'Thành phố Hồ Chí Minh');
    assert.equal((await server.stop()).code, 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a port already in use clearly', async () => {
    const server = await startSen();
    const port = new URL(server.url).port;
    const r = sen(['demo', '--data-dir', mkdtempSync(path.join(tmpdir(), 'sen-cli-')), '--listen', `127.0.0.1:${port}`,
      '--pack-dir', packDir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot listen on 127\.0\.0\.1:\d+/);
    await server.stop();
  });
});
