// Tables people see, exported: an official's queue (every page, with its filters), a dossier's
// process-control sheet and the audit log, as CSV and as XLSX read back by another program (ExcelJS);
// officials imported from an XLSX workbook another program wrote. Each refusal names its parameter.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSen } from '../support/sen_server.mjs';
import { demoTokens } from '../support/demo_tokens.mjs';
import { validForm } from '../support/forms.mjs';
import { parseCsv, readWorkbook, sheetRows, writeWorkbook } from '../support/spreadsheets.mjs';

const MAX_ROWS = 40;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const VIETNAM_TIME = /^\d\d:\d\d \d\d\/\d\d\/\d{4}$/;

describe('exports and spreadsheet imports', () => {
  let server, accounts, token, code;
  before(async () => {
    server = await startSen({
      env: { SEN_SERVER_EXPORT_MAX_ROWS: String(MAX_ROWS), SEN_AUTH_IMPORT_MAX_UNPACKED_BYTES: '20000' },
    });
    accounts = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
    token = demoTokens(() => server.url, () => accounts);
    // A citizen's marriage registration, accepted by the commune's receiving officer.
    const p = await (await fetch(`${server.url}/api/v1/procedures/1.000894`)).json();
    const form = {
      ...validForm(p.form_schema),
      bride_birth_date: '2000-05-01', bride_id_number: '001199008888',
      groom_birth_date: '1999-03-02', groom_id_number: '001099012345',
    };
    const created = await call('001099012345', 'POST', '/api/v1/dossiers', { procedure: '1.000894', place: '00004', form, submit: true });
    assert.equal(created.status, 201, created.text);
    code = created.json.code;
    const accepted = await call('tiepnhan.badinh', 'POST', `/api/v1/dossiers/${code}/actions`, { action: 'accept' });
    assert.equal(accepted.status, 200, accepted.text);
  });
  after(async () => {
    await server.stop();
  });

  async function call(username, method, target, body, type = 'application/json') {
    const headers = username ? { authorization: `Bearer ${await token(username)}` } : {};
    if (body !== undefined) headers['content-type'] = type;
    const res = await fetch(server.url + target, {
      method,
      headers,
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json = null;
    if ((res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
    return { status: res.status, headers: res.headers, bytes, text, json };
  }
  const get = (username, target) => call(username, 'GET', target);

  it("exports an official's queue as CSV in Vietnamese and English, every page, times as people read them", async () => {
    const res = await get('tiepnhan.badinh', `/api/v1/dossiers/export?format=csv&scope=all&q=${code}`);
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="ho-so.csv"');
    assert.ok(res.text.startsWith('\uFEFF'), 'a byte-order mark, so spreadsheet programs read UTF-8');
    const [header, cells, ...rest] = parseCsv(res.text);
    assert.deepEqual(rest, []);
    assert.deepEqual(header.slice(0, 7), ['Mã hồ sơ', 'Thủ tục', 'Mã thủ tục', 'Người nộp', 'Trạng thái', 'Bước', 'Ngày nộp']);
    assert.equal(cells[0], code);
    assert.equal(cells[2], '1.000894');
    assert.equal(cells[4], 'Đã tiếp nhận');
    assert.match(cells[6], VIETNAM_TIME, 'submitted');
    assert.doesNotMatch(res.text, /\d{4}-\d\d-\d\dT/, 'no raw RFC 3339 time');

    const en = await get('tiepnhan.badinh', `/api/v1/dossiers/export?format=csv&scope=all&q=${code}&lang=en`);
    assert.deepEqual(parseCsv(en.text)[0].slice(0, 2), ['Dossier code', 'Procedure']);
    assert.equal(parseCsv(en.text)[1][4], 'Received');

    // The whole queue, past one page: the export's rows are the list's, in the list's order.
    const listed = [];
    for (let cursor = null; ;) {
      const page = (await get('tiepnhan.badinh', `/api/v1/dossiers?scope=all&limit=7${cursor ? `&cursor=${cursor}` : ''}`)).json;
      listed.push(...page.items.map((d) => d.code));
      if (page.next === null) break;
      cursor = page.next;
    }
    const whole = await get('tiepnhan.badinh', '/api/v1/dossiers/export?format=csv&scope=all');
    if (listed.length > MAX_ROWS) {
      assert.equal(whole.status, 413, whole.text);
    } else {
      assert.equal(whole.status, 200, whole.text);
      assert.deepEqual(parseCsv(whole.text).slice(1).map((r) => r[0]), listed);
    }
  });

  it('exports as XLSX that another program reads: text as text, times as dates, a bold header', async () => {
    const res = await get('tiepnhan.badinh', `/api/v1/dossiers/export?format=xlsx&scope=all&q=${code}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('content-type'), XLSX);
    const book = await readWorkbook(res.bytes);
    const sheet = book.worksheets[0];
    assert.equal(sheet.name, 'Danh sách hồ sơ');
    const rows = sheetRows(sheet);
    assert.equal(rows.length, 2);
    assert.equal(rows[0][0], 'Mã hồ sơ');
    assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
    assert.equal(rows[1][0], code);
    assert.equal(rows[1][4], 'Đã tiếp nhận');
    assert.ok(rows[1][6] instanceof Date, `submitted is a date cell: ${rows[1][6]}`);
    assert.equal(sheet.getRow(2).getCell(7).numFmt, 'dd/mm/yyyy hh:mm');
  });

  it("exports a dossier's control sheet to the agency, not to the applicant or another commune", async () => {
    const csv = await get('tiepnhan.badinh', `/api/v1/dossiers/${code}/control-sheet?format=csv`);
    assert.equal(csv.status, 200, csv.text);
    assert.equal(csv.headers.get('content-disposition'), `attachment; filename="phieu-kiem-soat-${code}.csv"`);
    const lines = parseCsv(csv.text);
    assert.deepEqual(lines[0].slice(0, 5), ['Bước', 'Thao tác', 'Người xử lý', 'Vai trò', 'Cơ quan']);
    assert.equal(lines.length, 3, 'submitted, then accepted');
    assert.equal(lines[1][1], 'Nộp hồ sơ');
    assert.deepEqual(lines[2].slice(1, 4), ['Tiếp nhận hồ sơ', 'Trần Thị Bình', 'Cán bộ tiếp nhận hồ sơ']);
    assert.match(lines[2][4], /^Ủy ban nhân dân/);
    assert.match(lines[2][7], VIETNAM_TIME);
    const xlsx = await get('lanhdao.badinh', `/api/v1/dossiers/${code}/control-sheet?format=xlsx&lang=en`);
    assert.equal(xlsx.status, 200, xlsx.text);
    const rows = sheetRows((await readWorkbook(xlsx.bytes)).worksheets[0]);
    assert.equal(rows[2][1], 'Accepted at intake');
    assert.ok(rows[2][7] instanceof Date);

    const applicant = await get('001099012345', `/api/v1/dossiers/${code}/control-sheet?format=csv`);
    assert.equal(applicant.status, 403, applicant.text);
    const other = await get('tiepnhan.saigon', `/api/v1/dossiers/${code}/control-sheet?format=csv`);
    assert.equal(other.status, 404, other.text);
  });

  it('exports the audit log to an auditor, with its filters', async () => {
    const res = await get('kiemtoan', `/api/v1/audit/export?format=csv&object_id=${code}`);
    assert.equal(res.status, 200, res.text);
    const lines = parseCsv(res.text);
    assert.deepEqual(lines[0].slice(0, 3), ['Số thứ tự', 'Thời điểm', 'Người thực hiện']);
    assert.ok(lines.length >= 3, res.text);
    assert.ok(lines.some((l) => l[2] === 'tiepnhan.badinh'), 'the actor by username');
    assert.ok(lines.some((l) => l[2] === '001******345'), "a citizen by the masked identity number");
    assert.ok(!res.text.includes('001099012345'), 'no identity number in full');
    assert.match(lines[1][1], VIETNAM_TIME);
    const citizen = await get('001099012345', '/api/v1/audit/export?format=csv');
    assert.equal(citizen.status, 403, citizen.text);
    const all = await get('kiemtoan', '/api/v1/audit/export?format=xlsx');
    assert.equal(all.status, 413, 'the demo writes more audit entries than the export cap');
    assert.match(all.json.detail, /narrow/);
  });

  it('refuses a bad export request, naming the parameter', async () => {
    for (const [target, field] of [
      ['/api/v1/dossiers/export', 'format'],
      ['/api/v1/dossiers/export?format=pdf', 'format'],
      ['/api/v1/dossiers/export?format=csv&lang=fr', 'lang'],
      ['/api/v1/dossiers/export?format=csv&limit=5', 'limit'],
      ['/api/v1/dossiers/export?format=csv&colour=red', 'colour'],
      ['/api/v1/dossiers/export?format=csv&status=lost', 'status'],
      [`/api/v1/dossiers/${code}/control-sheet?format=csv&cursor=x`, 'cursor'],
      ['/api/v1/audit/export?format=csv&from=yesterday', 'from'],
      ['/api/v1/audit?colour=red', 'colour'],
    ]) {
      const res = await get(target.startsWith('/api/v1/audit') ? 'kiemtoan' : 'tiepnhan.badinh', target);
      assert.equal(res.status, 400, `${target}: ${res.text}`);
      assert.equal(res.json.field, field, target);
    }
    assert.equal((await get(null, '/api/v1/dossiers/export?format=csv')).status, 401);
  });

  it('imports officials from an XLSX workbook another program wrote', async () => {
    const header = ['username', 'full_name', 'email', 'agency', 'roles'];
    const book = await writeWorkbook([header, ['xuly2.badinh', 'Nguyễn Thị Mai', 'mai@example.vn', 'UBND-00004', 'processing_officer']], 'Cán bộ');
    const dry = await call('quantri.quocgia', 'POST', '/api/v1/officials/import?dry_run=true', book, XLSX);
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.json.valid, 1);
    const imported = await call('quantri.quocgia', 'POST', '/api/v1/officials/import', book, XLSX);
    assert.equal(imported.status, 201, imported.text);
    assert.deepEqual(imported.json.created, ['xuly2.badinh']);

    const badRow = await writeWorkbook([header, ['x y', 'A', 'not-an-email', 'UBND-00004', 'processing_officer']]);
    const refused = await call('quantri.quocgia', 'POST', '/api/v1/officials/import', badRow, XLSX);
    assert.equal(refused.status, 400, refused.text);
    assert.ok(refused.json.errors.some((e) => e.row === 2 && e.column === 'username'), refused.text);

    const mislabelled = await call('quantri.quocgia', 'POST', '/api/v1/officials/import', 'username\n', XLSX);
    assert.equal(mislabelled.status, 400, mislabelled.text);
    assert.equal(mislabelled.json.field, 'file');
    // A small file that unpacks past auth.import_max_unpacked_bytes (20,000 here) is refused unread.
    const swollen = await writeWorkbook([header, ['a', 'x'.repeat(30000), 'a@example.vn', 'UBND-00004', 'processing_officer']]);
    assert.ok(swollen.length < 20000, `${swollen.length} bytes packed`);
    const big = await call('quantri.quocgia', 'POST', '/api/v1/officials/import', swollen, XLSX);
    assert.equal(big.status, 413, big.text);
    assert.equal(big.json.field, 'file');
  });
});
