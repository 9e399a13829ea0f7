// Scale-out on PostgreSQL: two `sen serve` processes share one database and one data directory behind
// Debian's nginx, as docs/operations.md lays production out. A sign-in made through one works on the
// other; a sign-out made on one is honoured by the other at once although its principal cache would keep
// the session for a minute (LISTEN/NOTIFY); e-mails go out once, from the instance that holds the
// scheduled jobs' advisory lock; both data brains count the same events; a rate limit counts the
// attempts made on both; alerts are raised once, by the leader. Then, under load, the leader is killed: nginx sends the clients to the
// survivor, every acknowledged change is there exactly once, and the survivor takes the lead and
// delivers what was still queued.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoTokens } from '../support/demo_tokens.mjs';
import { startNginx } from '../support/nginx.mjs';
import { createPostgresDatabase, postgresUrl, startSen } from '../support/sen_server.mjs';
import { startSmtp } from '../support/smtp_server.mjs';

const pg = postgresUrl();
const required = process.env.SEN_REQUIRE_POSTGRES === '1';
const FORM = {
  child_full_name: 'Hoàng Bền Vững', child_gender: 'Nam', child_birth_date: '2026-11-30', birth_place: 'Bệnh viện Phụ sản Hà Nội',
  ethnicity: 'Kinh', nationality: 'Việt Nam', hometown: 'Nam Định', declarant_relationship: 'Cha',
};
const paper = (code) => Buffer.from(`%PDF-1.4 giay chung sinh ${code} %%EOF`);
const LEADS = 'leadership: this instance now runs the scheduled jobs';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function eventually(what, check, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const last = await check();
    if (last === true) return;
    if (Date.now() > end) assert.fail(`${what}: ${JSON.stringify(last)}`);
    await sleep(50);
  }
}

function sql(databaseUrl, query) {
  const out = spawnSync('psql', [databaseUrl, '-tAq', '-c', query], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout.trim();
}

// Each alert raised once: one audit entry each and no e-mail queued twice, whichever instance led
// when. The number of alerts.
function alertsRaisedOnce(databaseUrl) {
  const alerts = Number(sql(databaseUrl, 'SELECT count(*) FROM alerts'));
  assert.equal(Number(sql(databaseUrl, "SELECT count(*) FROM audit_log WHERE action = 'alert.raise'")), alerts,
    'one audit entry per alert');
  assert.equal(sql(databaseUrl, "SELECT count(*) - count(DISTINCT (recipient, subject, body)) FROM outbox WHERE subject LIKE '[Sen] Cảnh báo / Alert:%'"),
    '0', 'no alert e-mail queued twice');
  return alerts;
}

describe('two instances behind nginx on one PostgreSQL', { skip: !pg && !required && 'PostgreSQL not available', timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sen-scale-'));
  let databaseUrl, smtp, first, second, nginx, accounts;
  before(async () => {
    assert.ok(pg, 'PostgreSQL is required here');
    databaseUrl = createPostgresDatabase(pg);
    smtp = await startSmtp();
    const env = {
      SEN_SERVICES_SMTP_HOST: '127.0.0.1',
      SEN_SERVICES_SMTP_PORT: String(smtp.port),
      SEN_SERVICES_OUTBOX_POLL_MS: '100',
      SEN_AUTH_WRITES_PER_MINUTE_PER_ACCOUNT: '1000000',
      SEN_AUTH_LOGIN_ATTEMPTS_PER_MINUTE_PER_CLIENT: '1000',
      // Long enough that only an announcement can make the other instance forget a session in time.
      SEN_AUTH_PRINCIPAL_CACHE_MS: '60000',
      // The leader runs the alert rules every second, so a new leader runs them at once.
      SEN_ANALYTICS_ALERT_INTERVAL_SECONDS: '1',
    };
    // The first loads the demo and starts first, so it takes the lead; the second only serves.
    first = await startSen({ command: 'demo', dataDir, databaseUrl, env });
    second = await startSen({ command: 'serve', dataDir, databaseUrl, env });
    nginx = await startNginx([first.url, second.url]);
    accounts = JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8'));
  });
  after(async () => {
    for (const s of [first, second]) if (s && s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
    await nginx?.stop();
    smtp?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('elects one leader for the scheduled jobs', async () => {
    await eventually('the first instance leads', () => first.stderr().includes(LEADS));
    assert.ok(!second.stderr().includes(LEADS), 'the second does not lead beside it');
  });

  it('raises each alert once, on the leader', async () => {
    // Once one province has reported cashless payments, every province that did not report last
    // month is missing its report: an alert each.
    const tokens = demoTokens(() => nginx.url, () => accounts);
    const month = new Date();
    month.setUTCMonth(month.getUTCMonth() - 3, 1);
    const res = await fetch(`${nginx.url}/api/v1/statistics/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokens('phantich')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ values: [{ element: 'cashless_transactions', place: '01', period: month.toISOString().slice(0, 7), value: 100 }] }),
    });
    assert.equal(res.status, 201, await res.text());
    await eventually('the leader raised alerts', () => Number(sql(databaseUrl, "SELECT count(*) FROM alerts WHERE rule = 'cashless_report_missing'")) >= 34, 20_000);
    assert.ok(alertsRaisedOnce(databaseUrl) >= 34);
    assert.ok(!second.stderr().includes('alerts raised'), 'the instance that does not lead raised none');
  });

  it('shares sign-ins, and a sign-out on one instance is honoured on the other at once', async () => {
    const citizen = accounts.find((a) => a.username === '001099012345');
    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: citizen.username, password: citizen.password }),
    });
    assert.equal(login.status, 200);
    const { csrf_token: csrf } = await login.json();
    const cookie = login.headers.get('set-cookie').split(';')[0];
    // Through nginx, requests alternate between the two; every one knows the session.
    for (let i = 0; i < 6; i++) assert.equal((await fetch(`${nginx.url}/api/v1/me`, { headers: { cookie } })).status, 200);
    assert.equal((await fetch(`${second.url}/api/v1/me`, { headers: { cookie } })).status, 200, 'the second has it in memory now');
    const out = await fetch(`${first.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
    assert.ok(out.ok, `logout: ${out.status}`);
    const start = Date.now();
    await eventually('the second instance refuses the signed-out session',
      async () => (await fetch(`${second.url}/api/v1/me`, { headers: { cookie } })).status === 401, 2000);
    console.log(`# sign-out heard by the other instance in ${Date.now() - start} ms`);
  });

  it('counts a rate limit across both instances', async () => {
    // The limit is per whole minute on the clock: start early in one, so the attempts share a window.
    const second_of_minute = new Date().getUTCSeconds();
    if (second_of_minute > 45) await sleep((61 - second_of_minute) * 1000);
    const attempt = (server) => fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'khong.ai.ca', password: 'sai mat khau' }),
    });
    // auth.login_attempts_per_minute_per_account is 10: five on each instance use it up.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(i % 2 ? second : first)));
    assert.deepEqual(answers.map((a) => a.status), Array(10).fill(401));
    for (const server of [first, second]) {
      const refused = await attempt(server);
      assert.equal(refused.status, 429, 'the eleventh attempt, on either instance');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    }
  });

  it('keeps every acknowledged change when the leader is killed under load, and the survivor takes over', async () => {
    const tokens = demoTokens(() => nginx.url, () => accounts);
    const citizen = { authorization: `Bearer ${await tokens('001099012345')}` };
    const officer = { authorization: `Bearer ${await tokens('tiepnhan.badinh')}` };
    const acked = new Map();
    const mark = (code, what) => acked.set(code, { ...(acked.get(code) ?? {}), [what]: true });
    let stopping = false;
    let refused = 0;
    const journey = async () => {
      while (!stopping) {
        try {
          let res = await fetch(`${nginx.url}/api/v1/dossiers`, {
            method: 'POST', headers: { ...citizen, 'content-type': 'application/json' },
            body: JSON.stringify({ procedure: '1.001193', place: '00004', form: FORM, contact_email: 'an@example.vn' }),
          });
          if (res.status !== 201) { refused++; continue; }
          const { code } = await res.json();
          mark(code, 'created');
          res = await fetch(`${nginx.url}/api/v1/dossiers/${code}/documents/birth_certificate`, {
            method: 'PUT', headers: { ...citizen, 'content-type': 'application/pdf' }, body: paper(code),
          });
          if (res.status !== 200) { refused++; continue; }
          mark(code, 'paper');
          res = await fetch(`${nginx.url}/api/v1/dossiers/${code}/submit`, { method: 'POST', headers: citizen });
          if (res.status !== 200) { refused++; continue; }
          mark(code, 'submitted');
          res = await fetch(`${nginx.url}/api/v1/dossiers/${code}/actions`, {
            method: 'POST', headers: { ...officer, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'accept' }),
          });
          if (res.status === 200) mark(code, 'accepted'); else refused++;
        } catch {
          refused++;
        }
      }
    };
    const clients = Array.from({ length: 6 }, journey);
    // Waits on counts, not on the clock: beside the browser tests on 2 cores a journey can take seconds.
    const submitted = () => [...acked.values()].filter((steps) => steps.submitted).length;
    await eventually('dossiers submitted through nginx', () => submitted() >= 10 || submitted(), 60_000);
    // Both data brains follow the same events.
    const month = sql(databaseUrl, "SELECT substr(max(at), 1, 7) FROM dossier_events WHERE action = 'submit'");
    const analyst = { authorization: `Bearer ${await tokens('phantich')}` };
    const received = async (server) => (await (await fetch(
      `${server.url}/api/v1/analytics?indicator=dossiers_received&place=00004&period=${month}`, { headers: analyst })).json()).rows[0].value;
    const beforeKill = acked.size;
    first.proc.kill('SIGKILL');
    await first.exited;
    await eventually('dossiers acknowledged by the survivor alone', () => acked.size - beforeKill >= 10 || acked.size - beforeKill, 60_000);
    stopping = true;
    await Promise.all(clients);
    const afterKill = acked.size - beforeKill;
    console.log(`# scale-out: ${beforeKill} dossiers acknowledged before the kill, ${afterKill} after it through the survivor, ${refused} steps refused or cut off`);
    assert.ok(beforeKill > 0 && afterKill > 0, 'both instances served, then the survivor alone');

    const reader = { authorization: `Bearer ${await tokens('001099012345')}` };
    for (const [code, steps] of acked) {
      const res = await fetch(`${nginx.url}/api/v1/dossiers/${code}`, { headers: reader });
      assert.equal(res.status, 200, `${code} was acknowledged`);
      const d = await res.json();
      const count = (action) => d.events.filter((e) => e.action === action).length;
      if (steps.paper) {
        const file = await fetch(`${nginx.url}/api/v1/dossiers/${code}/documents/birth_certificate`, { headers: reader });
        assert.equal(file.status, 200, `${code}'s paper, stored by either instance`);
        assert.deepEqual(Buffer.from(await file.arrayBuffer()), paper(code));
      }
      if (steps.submitted) assert.equal(count('submit'), 1, `${code} submitted once`);
      if (steps.accepted) assert.equal(count('accept'), 1, `${code} accepted once`);
    }
    const recount = Number(sql(databaseUrl,
      `SELECT count(*) FROM dossier_events WHERE action = 'submit' AND place_code = '00004' AND substr(at, 1, 7) = '${month}'`));
    await eventually('the survivor\'s data brain counts every submission', async () => {
      const counted = await received(second);
      return counted === recount || { counted, in_database: recount };
    }, 30_000);

    // The survivor took the lead and delivered everything queued, each message once (a kill between
    // the mail server's answer and the row's update may send one message twice, never lose one).
    await eventually('the survivor leads', () => second.stderr().includes(LEADS), 30_000);
    // It ran the alert rules on taking the lead, from the database rather than from what the dead
    // leader remembered having raised: none raised again.
    const alertsBefore = Number(sql(databaseUrl, 'SELECT count(*) FROM alerts'));
    await sleep(2500);
    assert.ok(alertsRaisedOnce(databaseUrl) >= alertsBefore);
    await eventually('the outbox is empty', () => {
      const unsent = sql(databaseUrl, 'SELECT count(*) FROM outbox WHERE sent_at IS NULL');
      return unsent === '0' || unsent;
    }, 60_000);
    const queued = Number(sql(databaseUrl, "SELECT count(*) FROM outbox WHERE recipient = 'an@example.vn'"));
    const subjects = smtp.messages().filter((m) => m.to.includes('an@example.vn')).map((m) => m.subject);
    const twice = subjects.length - new Set(subjects).size;
    assert.ok(queued > 0, 'the journeys queued e-mails');
    assert.equal(new Set(subjects).size, queued, 'every queued e-mail was delivered');
    assert.ok(twice <= 1, `${twice} e-mails were delivered twice`);
    assert.equal((await fetch(`${nginx.url}/healthz`)).status, 200);
    assert.equal((await second.stop()).code, 0);
  });
});
