// The `sen` command as an operator meets it, from fresh data directories.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { senBinary, sourceDir, startSen } from '../support/sen_server.mjs';
import { startSmtp } from '../support/smtp_server.mjs';

function sen(args, env = {}) {
  const r = spawnSync(path.resolve(sourceDir, senBinary()), args, {
    cwd: sourceDir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const packDir = path.join(sourceDir, 'packs/vn');

const post = (url, body, headers = {}) => fetch(url, {
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
});
const sqlite = (dir, sql) => spawnSync('sqlite3', [path.join(dir, 'sen.db'), sql], { encoding: 'utf8' }).stdout.trim();

async function until(what, check, ms = 20_000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const value = await check();
    if (value) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

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

  it('manages signing certificates with `sen pki`, keys sealed at rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sen-pki-'));
    const demo = await startSen({ dataDir: dir });  // loads the agencies and creates the demo CA
    assert.equal((await demo.stop()).code, 0);
    const flags = ['--data-dir', dir];
    let list = sen(['pki', 'list', ...flags]);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /ca\s+platform\s+active/);
    const issued = sen(['pki', 'issue', '--agency', 'UBND-00004', ...flags]);
    assert.equal(issued.code, 0, issued.err);
    assert.match(issued.out, /Ủy ban nhân dân Phường Ba Đình/);
    assert.equal(sen(['pki', 'issue', '--agency', 'NO-SUCH', ...flags]).code, 1);
    // A certificate from a "licensed CA", as an operator would receive it: a password-protected PKCS#12.
    const openssl = (args) => spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30',
      '-subj', '/CN=UBND Phuong Sai Gon/O=Licensed CA test/C=VN', '-keyout', 'k.pem', '-out', 'c.pem']);
    openssl(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', 'agency.p12', '-passout', 'pass:s3cret']);
    const wrong = sen(['pki', 'import', '--agency', 'UBND-26740', '--file', path.join(dir, 'agency.p12'),
      '--password-env', 'P12_PASSWORD', ...flags], { P12_PASSWORD: 'wrong' });
    assert.equal(wrong.code, 1);
    const imported = sen(['pki', 'import', '--agency', 'UBND-26740', '--file', path.join(dir, 'agency.p12'),
      '--password-env', 'P12_PASSWORD', ...flags], { P12_PASSWORD: 's3cret' });
    assert.equal(imported.code, 0, imported.err);
    const rotated = sen(['pki', 'rotate-ca', ...flags]);
    assert.equal(rotated.code, 0, rotated.err);
    list = sen(['pki', 'list', ...flags]);
    assert.match(list.out, /ca\s+platform\s+retired/);
    assert.match(list.out, /agency\s+imported\s+active\s+UBND-26740/);
    const sealed = spawnSync('sqlite3', [path.join(dir, 'sen.db'), 'SELECT sealed_key FROM pki_credentials'], { encoding: 'utf8' });
    assert.ok(sealed.stdout.trim().length > 0);
    assert.doesNotMatch(sealed.stdout, /PRIVATE KEY/);
    assert.equal(readFileSync(path.join(dir, 'pki', 'master.key')).length, 32);
    rmSync(dir, { recursive: true, force: true });
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

  it('shows the connection limits with their defaults and refuses bad ones, naming the key', () => {
    const r = sen(['check-config']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /server\.header_timeout_ms\s+= 10000/);
    assert.match(r.out, /server\.max_connections_per_client\s+= 256/);
    for (const [name, value] of [['SEN_SERVER_HEADER_TIMEOUT_MS', '0'], ['SEN_SERVER_MAX_CONNECTIONS_PER_CLIENT', 'many']]) {
      const bad = sen(['check-config'], { [name]: value });
      assert.equal(bad.code, 2);
      assert.match(bad.err, new RegExp(name));
    }
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

  it('creates the first national administrator, who must change a one-time password before anything else', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sen-admin-'));
    const flags = ['--data-dir', dir, '--pack-dir', packDir];
    assert.equal(sen(['migrate', ...flags]).code, 0);
    const create = (extra, env = {}) => sen(['admin', 'create', '--display-name', 'Ngô Văn Khánh', ...extra, ...flags], env);
    const weak = create(['--username', 'quantri', '--password-env', 'PW'], { PW: '1234567890' });
    assert.equal(weak.code, 1);
    assert.match(weak.err, /password/i);
    const reserved = create(['--username', '001099012345', '--password-env', 'PW'], { PW: 'một mật khẩu đủ dài' });
    assert.equal(reserved.code, 1);
    assert.match(reserved.err, /12-digit/);
    assert.equal(create(['--username', 'quantri', '--password-env', 'UNSET_PW']).code, 1);
    const made = create(['--username', 'quantri', '--one-time-password']);
    assert.equal(made.code, 0, made.err);
    const password = made.out.match(/one-time password.*: (\S+)$/m)[1];
    assert.doesNotMatch(made.err, new RegExp(password), 'the password is printed once, not logged');
    const again = create(['--username', 'quantri', '--password-env', 'PW'], { PW: 'một mật khẩu đủ dài' });
    assert.equal(again.code, 1);
    assert.match(again.err, /taken/);

    const server = await startSen({ command: 'serve', dataDir: dir });
    try {
      const login = await post(`${server.url}/api/v1/auth/login`, { username: 'quantri', password, token: true });
      const session = await login.json();
      assert.equal(session.password_change_required, true);
      assert.equal(session.token, undefined, 'no API token before the change');
      const headers = { cookie: login.headers.get('set-cookie').split(';')[0], 'x-csrf-token': session.csrf_token };
      // The pack's agencies came with migrate; an administrator adds one of their own.
      const agency = { code: 'VHXH-00004', name: 'Phòng Văn hóa - Xã hội Phường Ba Đình', kind: 'department', place_code: '00004' };
      const blocked = await post(`${server.url}/api/v1/agencies`, agency, headers);
      assert.equal(blocked.status, 403);
      assert.equal((await blocked.json()).code, 'password_change_required');
      const me = await (await fetch(`${server.url}/api/v1/me`, { headers })).json();
      assert.equal(me.password_change_required, true);
      assert.deepEqual(me.roles, [{ role: 'national_admin', scope_kind: 'place', scope: 'VN' }]);
      const wrong = await post(`${server.url}/api/v1/me/password`, { current_password: 'nope', new_password: 'hoa sen nở trong đầm' }, headers);
      assert.equal((await wrong.json()).field, 'current_password');
      const changed = await post(`${server.url}/api/v1/me/password`, { current_password: password, new_password: 'hoa sen nở trong đầm' }, headers);
      assert.equal(changed.status, 204);
      assert.equal((await post(`${server.url}/api/v1/agencies`, agency, headers)).status, 201);
      const audit = await (await fetch(`${server.url}/api/v1/audit?object_type=account`, { headers })).json();
      const actions = audit.items.map((e) => e.action);
      assert.ok(actions.includes('account.create_official'), actions.join());
      assert.ok(actions.includes('account.password_change'), actions.join());
      assert.doesNotMatch(JSON.stringify(audit), new RegExp(password));
      assert.doesNotMatch(server.stderr(), new RegExp(password));
    } finally {
      await server.stop();
    }
    assert.equal(sen(['audit', 'verify', '--data-dir', dir]).code, 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports officials from CSV: nothing on a bad row, the good rows with --skip-invalid, passwords by e-mail', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sen-import-'));
    const demo = await startSen({ dataDir: dir });  // migrated, with the demo agencies
    assert.equal((await demo.stop()).code, 0);
    const file = path.join(dir, 'officials.csv');
    writeFileSync(file, [
      'username,full_name,email,agency,roles',
      'tiepnhan.moi,Trần Thị Mới,moi@example.vn,UBND-00004,receiving_officer',
      'xuly.moi,"Lê Văn Mới, Jr.",xuly@example.vn,UBND-26740,processing_officer;approving_leader',
      '001099012399,Người Lạ,la@example.vn,UBND-NOPE,chief',
      '',
    ].join('\n'));
    const count = () => sqlite(dir, "SELECT COUNT(*) FROM accounts WHERE username IN ('tiepnhan.moi', 'xuly.moi')");
    const refused = sen(['officials', 'import', file, '--data-dir', dir]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /row 4, username: .*12-digit/);
    assert.match(refused.err, /row 4, agency: No agency with code 'UBND-NOPE'/);
    assert.match(refused.err, /row 4, roles: 'chief' is not a staff role/);
    assert.match(refused.err, /nothing imported/);
    assert.equal(count(), '0');
    assert.equal(sqlite(dir, 'SELECT COUNT(*) FROM outbox'), '0');
    const imported = sen(['officials', 'import', file, '--skip-invalid', '--data-dir', dir]);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /3 rows, 2 valid, 2 imported/);
    assert.equal(count(), '2');

    const smtp = await startSmtp();
    const server = await startSen({ command: 'serve', dataDir: dir, env: {
      SEN_SERVICES_SMTP_HOST: '127.0.0.1', SEN_SERVICES_SMTP_PORT: String(smtp.port), SEN_SERVICES_OUTBOX_POLL_MS: '100',
    } });
    try {
      const mails = await until('two e-mails', () => (smtp.messages().length >= 2 ? smtp.messages() : null));
      const mail = mails.find((m) => m.to.includes('xuly@example.vn'));
      const password = mail.body.match(/One-time password: (\S+)/)[1];
      for (const text of [imported.out, imported.err, server.stderr()]) assert.doesNotMatch(text, new RegExp(password));
      const login = await post(`${server.url}/api/v1/auth/login`, { username: 'xuly.moi', password });
      const session = await login.json();
      assert.equal(session.password_change_required, true);
      const headers = { cookie: login.headers.get('set-cookie').split(';')[0], 'x-csrf-token': session.csrf_token };
      assert.equal((await fetch(`${server.url}/api/v1/notifications`, { headers })).status, 403);
      const changed = await post(`${server.url}/api/v1/me/password`, { current_password: password, new_password: 'hoa sen nở trong đầm' }, headers);
      assert.equal(changed.status, 204);
      const me = await (await fetch(`${server.url}/api/v1/me`, { headers })).json();
      assert.equal(me.password_change_required, false);
      assert.deepEqual(me.roles.map((r) => `${r.role}@${r.scope}`).sort(), ['approving_leader@UBND-26740', 'processing_officer@UBND-26740']);
    } finally {
      await server.stop();
      smtp.stop();
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
