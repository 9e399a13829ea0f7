// The production installation that README.md describes, walked from an empty data directory with no
// demo data, on SQLite and (when up) PostgreSQL: migrate (which loads the country pack with its
// agencies), the platform CA, the first national administrator, officials imported from CSV with
// one-time passwords by e-mail, a citizen who registers; their dossiers reach the agencies the
// procedures name, and one is processed to a signed result that verifies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { senBinary, sourceDir, startSen, postgresUrl, createPostgresDatabase } from '../support/sen_server.mjs';
import { startSmtp } from '../support/smtp_server.mjs';
import { validForm } from '../support/forms.mjs';

const pg = postgresUrl();
const backends = pg ? ['sqlite', 'postgres'] : ['sqlite'];
const packDir = path.join(sourceDir, 'packs/vn');
const ADMIN_PASSWORD = 'quản trị hệ thống Sen';
const NEW_PASSWORD = 'hoa sen nở trong đầm';

function sen(args, env = {}) {
  const r = spawnSync(path.resolve(sourceDir, senBinary()), args, {
    cwd: sourceDir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function until(what, check, ms = 20_000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const value = await check();
    if (value) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const backend of backends) {
  describe(`production installation on ${backend}`, () => {
    it('serves a citizen end to end with no demo data', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'sen-production-'));
      const databaseUrl = backend === 'postgres' ? createPostgresDatabase(pg) : null;
      const flags = ['--data-dir', dir, '--pack-dir', packDir, ...(databaseUrl ? ['--database-url', databaseUrl] : [])];
      const run = (args, env) => {
        const r = sen([...args, ...flags], env);
        assert.equal(r.code, 0, `sen ${args.join(' ')}: ${r.err}`);
        return r;
      };
      run(['migrate']);
      run(['pki', 'init-ca', '--name', 'Sen Production Test CA']);
      run(['admin', 'create', '--username', 'quantri', '--display-name', 'Ngô Văn Khánh', '--password-env', 'SEN_ADMIN_PW'],
        { SEN_ADMIN_PW: ADMIN_PASSWORD });

      const smtp = await startSmtp();
      const server = await startSen({
        command: 'serve', dataDir: dir, databaseUrl,
        env: { SEN_SERVICES_SMTP_HOST: '127.0.0.1', SEN_SERVICES_SMTP_PORT: String(smtp.port), SEN_SERVICES_OUTBOX_POLL_MS: '100' },
      });
      const call = async (token, method, target, body, contentType = 'application/json') => {
        const headers = token ? { authorization: `Bearer ${token}` } : {};
        if (body !== undefined) headers['content-type'] = contentType;
        const res = await fetch(server.url + target, {
          method, headers, body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
        });
        const text = await res.text();
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        return { status: res.status, json, text };
      };
      const login = async (username, password) => {
        const r = await call(null, 'POST', '/api/v1/auth/login', { username, password, token: true });
        assert.equal(r.status, 200, r.text);
        assert.ok(r.json.token, `${username} gets a token`);
        return r.json.token;
      };
      // A one-time password must be changed first: a session changes it, then the account signs in.
      const firstSignIn = async (username, oneTime) => {
        const res = await fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: oneTime }),
        });
        const session = await res.json();
        assert.equal(session.password_change_required, true);
        const headers = { 'content-type': 'application/json', cookie: res.headers.get('set-cookie').split(';')[0], 'x-csrf-token': session.csrf_token };
        const changed = await fetch(`${server.url}/api/v1/me/password`, {
          method: 'POST', headers, body: JSON.stringify({ current_password: oneTime, new_password: NEW_PASSWORD }),
        });
        assert.equal(changed.status, 204);
        return login(username, NEW_PASSWORD);
      };
      try {
        // No demo: the only accounts are the administrator's; the pack's agencies are there.
        const admin = await login('quantri', ADMIN_PASSWORD);
        const ubnd = await call(admin, 'GET', '/api/v1/agencies/UBND-00004');
        assert.equal(ubnd.status, 200, ubnd.text);

        const csv = [
          'username,full_name,email,agency,roles',
          'tiepnhan.badinh,Trần Thị Bình,tiepnhan@example.vn,UBND-00004,receiving_officer',
          'xuly.badinh,Lê Văn Cường,xuly@example.vn,UBND-00004,processing_officer',
          'lanhdao.badinh,Phạm Thị Dung,lanhdao@example.vn,UBND-00004,approving_leader',
          '',
        ].join('\n');
        const imported = await call(admin, 'POST', '/api/v1/officials/import', csv, 'text/csv');
        assert.equal(imported.status, 201, imported.text);
        const mails = await until('three one-time passwords', () => (smtp.messages().length >= 3 ? smtp.messages() : null));
        const oneTime = (to) => mails.find((m) => m.to.includes(to)).body.match(/One-time password: (\S+)/)[1];
        const receiving = await firstSignIn('tiepnhan.badinh', oneTime('tiepnhan@example.vn'));
        const processing = await firstSignIn('xuly.badinh', oneTime('xuly@example.vn'));
        const leader = await firstSignIn('lanhdao.badinh', oneTime('lanhdao@example.vn'));

        const registered = await call(null, 'POST', '/api/v1/auth/register', {
          kind: 'citizen', id_number: '001099012345', display_name: 'Nguyễn Văn An', password: NEW_PASSWORD,
        });
        assert.equal(registered.status, 201, registered.text);
        const citizen = await login('001099012345', NEW_PASSWORD);

        // Each procedure reaches the agency its rule names, not a People's Committee by default.
        const draftAt = async (procedure, place) => {
          const r = await call(citizen, 'POST', '/api/v1/dossiers', { procedure, place, form: {} });
          assert.equal(r.status, 201, r.text);
          return (await call(admin, 'GET', `/api/v1/agencies/${encodeURIComponent(r.json.agency.code)}`)).json;
        };
        assert.equal((await draftAt('1.004222', '00004')).kind, 'commune_police');
        assert.equal((await draftAt('1.001456', '01')).kind, 'immigration_office');

        const p = (await call(null, 'GET', '/api/v1/procedures/1.000894')).json;
        const form = {
          ...validForm(p.form_schema),
          bride_birth_date: '2000-05-01', bride_id_number: '001199008888',
          groom_birth_date: '1999-03-02', groom_id_number: '001099012345',
        };
        const created = await call(citizen, 'POST', '/api/v1/dossiers', { procedure: '1.000894', place: '00004', form, submit: true });
        assert.equal(created.status, 201, created.text);
        assert.equal(created.json.agency.code, 'UBND-00004');
        assert.equal(created.json.status, 'submitted');
        const code = created.json.code;
        const act = async (token, action) => {
          const r = await call(token, 'POST', `/api/v1/dossiers/${code}/actions`, { action, comment: '' });
          assert.equal(r.status, 200, `${action}: ${r.text}`);
          return r.json;
        };
        await act(receiving, 'accept');
        await act(processing, 'forward');
        assert.equal((await act(leader, 'approve')).status, 'result_ready');
        assert.equal((await act(receiving, 'return_result')).status, 'returned');

        const pdf = await fetch(`${server.url}/api/v1/dossiers/${code}/result`, { headers: { authorization: `Bearer ${citizen}` } });
        assert.equal(pdf.status, 200);
        const bytes = Buffer.from(await pdf.arrayBuffer());
        const verified = await call(null, 'POST', '/api/v1/verify', bytes, 'application/pdf');
        assert.equal(verified.status, 200, verified.text);
        assert.equal(verified.json.valid, true, verified.text);

        const events = (await call(receiving, 'GET', `/api/v1/dossiers/${code}`)).json.events.map((e) => e.action);
        assert.deepEqual(events, ['submit', 'accept', 'forward', 'approve', 'return_result']);
      } finally {
        await server.stop();
        smtp.stop();
      }
      assert.equal(sen(['audit', 'verify', ...flags]).code, 0);
      rmSync(dir, { recursive: true, force: true });
    });
  });
}
