// Public services end to end through the HTTP API: bad input changes nothing, concurrent actions,
// payment callbacks (signature, replay, idempotency), e-mail notifications through a real SMTP server,
// tracking and verification of the signed result. Runs on SQLite and, when up, PostgreSQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSen, postgresUrl, createPostgresDatabase } from '../support/sen_server.mjs';
import { demoTokens } from '../support/demo_tokens.mjs';
import { startSmtp } from '../support/smtp_server.mjs';
import { validForm, tinyPdf } from '../support/forms.mjs';

const SECRET = 'gateway-shared-secret';
const UPLOAD_LIMIT = 1024 * 1024;
const pg = postgresUrl();
const backends = pg ? ['sqlite', 'postgres'] : ['sqlite'];

for (const backend of backends) {
  describe(`public services on ${backend}`, () => {
    let server, smtp, accounts;
    before(async () => {
      smtp = await startSmtp();
      server = await startSen({
        databaseUrl: backend === 'postgres' ? createPostgresDatabase(pg) : null,
        env: {
          SEN_SERVICES_PAYMENT_HMAC_SECRET: SECRET,
          SEN_SERVICES_SMTP_HOST: '127.0.0.1',
          SEN_SERVICES_SMTP_PORT: String(smtp.port),
          SEN_SERVICES_OUTBOX_POLL_MS: '100',
          SEN_SERVICES_UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT),
          SEN_AUTH_WRITES_PER_MINUTE_PER_ACCOUNT: '10000',
        },
      });
      accounts = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
    });
    after(async () => {
      await server.stop();
      smtp.stop();
    });

    const as = demoTokens(() => server.url, () => accounts);
    async function call(username, method, target, body, contentType = 'application/json') {
      const headers = { authorization: `Bearer ${await as(username)}` };
      if (body !== undefined) headers['content-type'] = contentType;
      const res = await fetch(server.url + target, {
        method,
        headers,
        body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : body,
      });
      const text = await res.text();
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text };
    }
    const citizen = '001099012345';
    async function procedure(code) {
      return (await (await fetch(`${server.url}/api/v1/procedures/${code}`)).json());
    }
    // A submitted dossier of `code` at Phường Ba Đình with every required document uploaded.
    async function draft(code, email = 'an.nguyen@example.vn') {
      const p = await procedure(code);
      const created = await call(citizen, 'POST', '/api/v1/dossiers', { procedure: code, place: p.level === 'province' ? '01' : '00004', form: validForm(p.form_schema), contact_email: email });
      assert.equal(created.status, 201, created.text);
      for (const c of p.components.filter((x) => x.required)) {
        const up = await call(citizen, 'PUT', `/api/v1/dossiers/${created.json.code}/documents/${c.id}`, tinyPdf(c.id), 'application/pdf');
        assert.equal(up.status, 200, up.text);
      }
      return { p, code: created.json.code };
    }
    async function submitted(code, email) {
      const d = await draft(code, email);
      const s = await call(citizen, 'POST', `/api/v1/dossiers/${d.code}/submit`);
      assert.equal(s.status, 200, s.text);
      return { ...d, dossier: s.json };
    }
    function signedCallback(body, timestamp = Math.floor(Date.now() / 1000)) {
      const text = JSON.stringify(body);
      const signature = createHmac('sha256', SECRET).update(`${timestamp}.${text}`).digest('hex');
      return { text, timestamp: String(timestamp), signature };
    }
    async function callback({ text, timestamp, signature }) {
      const res = await fetch(server.url + '/api/v1/payments/callback', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sen-timestamp': timestamp, 'x-sen-signature': signature },
        body: text,
      });
      return { status: res.status, json: await res.json() };
    }

    it('finds procedures with or without diacritics, by level and by place', async () => {
      for (const q of ['khai sinh', 'khai%20sinh', 'Khai%20sinh']) {
        const r = await (await fetch(`${server.url}/api/v1/procedures?q=${encodeURIComponent(decodeURIComponent(q))}`)).json();
        assert.ok(r.items.some((p) => p.code === '1.001193'), q);
      }
      const province = await (await fetch(`${server.url}/api/v1/procedures?place=01`)).json();
      assert.ok(province.items.length > 0 && province.items.every((p) => p.level === 'province'));
      const all = await (await fetch(`${server.url}/api/v1/procedures?limit=100`)).json();
      assert.ok(all.total >= 12);
      const bad = await fetch(`${server.url}/api/v1/procedures?level=district`);
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).field, 'level');
    });

    it('refuses bad uploads and changes nothing', async () => {
      const { p, code } = await draft('1.001193');
      const component = p.components[0].id;
      const before = (await call(citizen, 'GET', `/api/v1/dossiers/${code}`)).json;
      const empty = await call(citizen, 'PUT', `/api/v1/dossiers/${code}/documents/${component}`, Buffer.alloc(0), 'application/pdf');
      assert.equal(empty.status, 400);
      assert.equal(empty.json.field, 'body');
      const big = await call(citizen, 'PUT', `/api/v1/dossiers/${code}/documents/${component}`, Buffer.concat([tinyPdf(), Buffer.alloc(UPLOAD_LIMIT)]), 'application/pdf');
      assert.equal(big.status, 413);
      const disguised = await call(citizen, 'PUT', `/api/v1/dossiers/${code}/documents/${component}`, Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf');
      assert.equal(disguised.status, 415);
      assert.equal(disguised.json.field, 'body');
      const after = (await call(citizen, 'GET', `/api/v1/dossiers/${code}`)).json;
      assert.deepEqual(after.documents, before.documents);
      assert.equal(after.version, before.version);
      const unknown = await call(citizen, 'PUT', `/api/v1/dossiers/${code}/documents/nope`, tinyPdf(), 'application/pdf');
      assert.equal(unknown.status, 404);
    });

    it('names the form field that is wrong, and keeps the draft a draft', async () => {
      const p = await procedure('1.001193');
      const form = validForm(p.form_schema);
      const [first] = p.form_schema.required;
      delete form[first];
      const created = await call(citizen, 'POST', '/api/v1/dossiers', { procedure: '1.001193', place: '00004', form });
      assert.equal(created.status, 201, created.text);
      for (const c of p.components.filter((x) => x.required)) {
        await call(citizen, 'PUT', `/api/v1/dossiers/${created.json.code}/documents/${c.id}`, tinyPdf(), 'application/pdf');
      }
      const s = await call(citizen, 'POST', `/api/v1/dossiers/${created.json.code}/submit`);
      assert.equal(s.status, 400);
      assert.equal(s.json.field, `form.${first}`);
      const typed = await call(citizen, 'PUT', `/api/v1/dossiers/${created.json.code}/form`, { form: { [first]: 12345 } });
      assert.equal(typed.status, 400);
      assert.equal(typed.json.field, `form.${first}`);
      assert.equal((await call(citizen, 'GET', `/api/v1/dossiers/${created.json.code}`)).json.status, 'draft');
      const wrongPlace = await call(citizen, 'POST', '/api/v1/dossiers', { procedure: '1.001193', place: '01', form: {} });
      assert.equal(wrongPlace.status, 400);
      assert.equal(wrongPlace.json.field, 'place');
    });

    it('lets only the right role of the right commune act, one action at a time', async () => {
      const { code } = await submitted('1.001193');
      const wrongRole = await call('xuly.badinh', 'POST', `/api/v1/dossiers/${code}/actions`, { action: 'accept' });
      assert.equal(wrongRole.status, 403);
      const otherCommune = await call('tiepnhan.saigon', 'POST', `/api/v1/dossiers/${code}/actions`, { action: 'accept' });
      assert.equal(otherCommune.status, 404);
      assert.equal((await call('tiepnhan.saigon', 'GET', `/api/v1/dossiers/${code}`)).status, 404);
      const queue = (await call('tiepnhan.saigon', 'GET', '/api/v1/dossiers')).json;
      assert.ok(!queue.items.some((d) => d.code === code));
      const both = await Promise.all([
        call('tiepnhan.badinh', 'POST', `/api/v1/dossiers/${code}/actions`, { action: 'accept' }),
        call('tiepnhan.badinh', 'POST', `/api/v1/dossiers/${code}/actions`, { action: 'accept' }),
      ]);
      assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
      const d = (await call('tiepnhan.badinh', 'GET', `/api/v1/dossiers/${code}`)).json;
      assert.equal(d.status, 'received');
      assert.equal(d.events.filter((e) => e.action === 'accept').length, 1);
      assert.ok(d.due_at);
      const noReason = await call(citizen, 'POST', `/api/v1/dossiers/${code}/actions`, { action: 'withdraw' });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.json.field, 'comment');
      const withdrawn = await call(citizen, 'POST', `/api/v1/dossiers/${code}/actions`, { action: 'withdraw', comment: 'Nộp nhầm' });
      assert.equal(withdrawn.status, 200);
      const approve = await call('lanhdao.badinh', 'POST', `/api/v1/dossiers/${code}/actions`, { action: 'approve' });
      assert.ok([403, 409].includes(approve.status), approve.text);
      assert.equal((await call(citizen, 'GET', `/api/v1/dossiers/${code}`)).json.status, 'withdrawn');
    });

    it('takes fees by VietQR and a signed, idempotent gateway callback', async () => {
      const { code, dossier } = await submitted('1.004194');
      assert.equal(dossier.status, 'awaiting_payment');
      assert.ok(dossier.payment.qr_payload.startsWith('000201'));
      assert.match(dossier.payment.qr_payload, /6304[0-9A-F]{4}$/);
      const qr = await call(citizen, 'GET', `/api/v1/dossiers/${code}/payment/qr.svg`);
      assert.equal(qr.status, 200);
      assert.match(qr.text, /<svg/);
      const body = { reference: dossier.payment.reference, amount_vnd: dossier.payment.amount_vnd, transaction_id: `TX-${code}`, paid_at: new Date().toISOString() };
      const forged = signedCallback(body);
      forged.signature = forged.signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      assert.equal((await callback(forged)).status, 401);
      const stale = signedCallback(body, Math.floor(Date.now() / 1000) - 3600);
      assert.equal((await callback(stale)).status, 401);
      const wrongAmount = signedCallback({ ...body, amount_vnd: 1 });
      assert.equal((await callback(wrongAmount)).status, 400);
      assert.equal((await call(citizen, 'GET', `/api/v1/dossiers/${code}`)).json.status, 'awaiting_payment');
      const good = signedCallback(body);
      const first = await callback(good);
      assert.equal(first.status, 200);
      assert.equal(first.json.status, 'paid');
      const afterPay = (await call(citizen, 'GET', `/api/v1/dossiers/${code}`)).json;
      assert.equal(afterPay.status, 'submitted');
      assert.equal(afterPay.payment.status, 'paid');
      const replay = await callback(good);
      assert.equal(replay.status, 200);
      assert.equal(replay.json.status, 'already_processed');
      const again = (await call(citizen, 'GET', `/api/v1/dossiers/${code}`)).json;
      assert.equal(again.version, afterPay.version);
      assert.equal(again.events.length, afterPay.events.length);
      const other = await callback(signedCallback({ ...body, transaction_id: 'TX-OTHER' }));
      assert.equal(other.status, 409);
      const receipt = await fetch(`${server.url}/api/v1/dossiers/${code}/payment/receipt`, { headers: { authorization: `Bearer ${await as(citizen)}` } });
      assert.equal(receipt.status, 200);
      assert.equal(receipt.headers.get('content-type'), 'application/pdf');
      const receiptText = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(await receipt.arrayBuffer()) }).toString();
      assert.match(receiptText, /BIÊN LAI THU PHÍ, LỆ PHÍ/);
      assert.doesNotMatch(receiptText, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    });

    it('walks a birth registration to a signed result that verifies, and is rated once', async () => {
      const { code } = await submitted('1.001193', 'me@example.vn');
      const steps = [['tiepnhan.badinh', 'accept'], ['xuly.badinh', 'forward'], ['lanhdao.badinh', 'approve'], ['tiepnhan.badinh', 'return_result']];
      for (const [who, action] of steps) {
        const queue = (await call(who, 'GET', '/api/v1/dossiers')).json;
        assert.ok(queue.items.some((d) => d.code === code), `${who} sees ${code} in the queue before ${action}`);
        const r = await call(who, 'POST', `/api/v1/dossiers/${code}/actions`, { action });
        assert.equal(r.status, 200, `${action}: ${r.text}`);
      }
      const d = (await call(citizen, 'GET', `/api/v1/dossiers/${code}`)).json;
      assert.equal(d.status, 'returned');
      assert.equal(d.status_code, 10);
      assert.ok(['early', 'on_time'].includes(d.timeliness));
      assert.ok(d.events.every((e) => !('actor' in e)), 'the applicant sees the control sheet without officials\' names');
      const official = (await call('tiepnhan.badinh', 'GET', `/api/v1/dossiers/${code}`)).json;
      assert.ok(official.events.some((e) => e.actor && e.step_due_at));
      const pdf = Buffer.from(await (await fetch(`${server.url}/api/v1/dossiers/${code}/result`, { headers: { authorization: `Bearer ${await as(citizen)}` } })).arrayBuffer());
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      // Titled with the document's own name; times as people read them, never RFC 3339.
      const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
      assert.match(text, /^GIẤY KHAI SINH$/m);
      assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, "dates and times as people write them");
      const received = await fetch(`${server.url}/api/v1/dossiers/${code}/receipt`, { headers: { authorization: `Bearer ${await as(citizen)}` } });
      assert.equal(received.status, 200);
      const receivedText = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(await received.arrayBuffer()) }).toString();
      assert.match(receivedText, /GIẤY TIẾP NHẬN HỒ SƠ/);
      assert.doesNotMatch(receivedText, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      const verify = async (bytes) => (await fetch(`${server.url}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: bytes })).json();
      const ok = await verify(pdf);
      assert.equal(ok.valid, true, JSON.stringify(ok));
      assert.equal(ok.dossier, code);
      assert.match(ok.issuer, /Ba Đình/);
      const tampered = Buffer.from(pdf);
      const at = tampered.indexOf('/Title');
      tampered[at + 8] ^= 0x01;
      const bad = await verify(tampered);
      assert.equal(bad.valid, false);
      assert.equal(bad.altered, true);
      const citizenRevokes = await call(citizen, 'POST', `/api/v1/dossiers/${code}/result/revoke`, { comment: 'x' });
      assert.equal(citizenRevokes.status, 403);
      const revoked = await call('lanhdao.badinh', 'POST', `/api/v1/dossiers/${code}/result/revoke`, { comment: 'Cấp nhầm' });
      assert.equal(revoked.status, 200, revoked.text);
      const afterRevoke = await verify(pdf);
      assert.equal(afterRevoke.valid, false);
      assert.equal(afterRevoke.revoked, true);
      assert.equal(afterRevoke.altered, false);
      const notPdf = await fetch(`${server.url}/api/v1/verify`, { method: 'POST', body: 'hello' });
      assert.equal(notPdf.status, 400);
      assert.equal((await call(citizen, 'POST', `/api/v1/dossiers/${code}/rating`, { score: 5, comment: 'Nhanh' })).status, 201);
      assert.equal((await call(citizen, 'POST', `/api/v1/dossiers/${code}/rating`, { score: 1 })).status, 409);
      const track = await (await fetch(`${server.url}/api/v1/track?code=${code}&id_number=${citizen}`)).json();
      assert.equal(track.status, 'returned');
      const wrong = await fetch(`${server.url}/api/v1/track?code=${code}&id_number=001099099999`);
      assert.equal(wrong.status, 404);
      // Every status change reached the applicant's mailbox through the outbox.
      let mails = [];
      for (let i = 0; i < 100 && mails.length < 5; i++) {
        mails = smtp.messages().filter((m) => m.subject.includes(code));
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(mails.length >= 5, `mails for ${code}: ${JSON.stringify(mails)}`);
      assert.deepEqual(mails[0].to, ['me@example.vn']);
      assert.match(mails.at(-1).subject, /Đã trả kết quả/);
      const inApp = (await call(citizen, 'GET', '/api/v1/notifications')).json;
      assert.ok(inApp.items.some((n) => n.dossier === code && n.status === 'returned'));
      // Kept as facts, worded in the reader's language; times as people read them, never RFC 3339.
      const rfc3339 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
      const english = (await call(citizen, 'GET', '/api/v1/notifications?lang=en')).json;
      const revokedVi = inApp.items.find((n) => n.dossier === code && n.message.includes('Kết quả đã bị thu hồi'));
      const revokedEn = english.items.find((n) => n.id === revokedVi?.id);
      assert.match(revokedEn.message, new RegExp(`^Application ${code} \\(.*\\): .*\\. The result was revoked: Cấp nhầm`));
      const due = english.items.find((n) => n.dossier === code && /Result due/.test(n.message));
      assert.match(due.message, /Result due: \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\./);
      const dueVi = inApp.items.find((n) => n.id === due.id);
      assert.match(dueVi.message, /Hẹn trả kết quả: \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\./);
      for (const n of [...inApp.items, ...english.items]) assert.doesNotMatch(n.message, rfc3339);
      for (const m of mails) assert.doesNotMatch(`${m.subject}\n${m.body}`, rfc3339);
      assert.equal((await call(citizen, 'GET', '/api/v1/notifications?lang=fr')).status, 400);
      // Paged with cursors, newest first, to the end.
      const ids = [];
      for (let cursor = null, pages = 0; pages < 50; pages++) {
        const page = (await call(citizen, 'GET', `/api/v1/notifications?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json;
        ids.push(...page.items.map((n) => n.id));
        if (page.next === null) break;
        cursor = page.next;
      }
      assert.ok(ids.length >= 5);
      assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
      assert.equal(new Set(ids).size, ids.length);
    });
  });
}
