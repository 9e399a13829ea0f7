// Protocol limits and lifecycle, over raw sockets: each limit is configured small and shown to hold.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startSen } from '../support/sen_server.mjs';

// Sends raw bytes, collects everything until the server closes; resolves with text and elapsed ms.
function exchange(url, chunks, { delayMs = 0, timeoutMs = 15_000 } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname);
    let data = '';
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no close after ${timeoutMs} ms: ${data}`)); }, timeoutMs);
    socket.on('data', (d) => { data += d; });
    socket.on('error', () => {});
    socket.on('close', () => { clearTimeout(timer); resolve({ text: data, elapsed: Date.now() - started }); });
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) break;
        socket.write(chunk);
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      }
    });
  });
}

const status = (text) => Number(text.match(/^HTTP\/1\.1 (\d{3})/)?.[1]);
const body = (text) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));

describe('limits', () => {
  let server;
  before(async () => {
    server = await startSen({
      env: {
        SEN_SERVER_HEADER_LIMIT_BYTES: '2048',
        SEN_SERVER_BODY_LIMIT_BYTES: '1024',
        SEN_SERVER_REQUEST_TIMEOUT_MS: '1000',
        SEN_SERVER_IDLE_TIMEOUT_MS: '1500',
        SEN_SERVER_MAX_CONNECTIONS: '8',
      },
    });
  });
  after(() => server.stop());

  it('answers an oversized header block with 431 problem+json', async () => {
    const big = 'x'.repeat(3000);
    const { text } = await exchange(server.url, [`GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: ${big}\r\n\r\n`]);
    assert.equal(status(text), 431);
    assert.match(text, /content-type: application\/problem\+json/i);
    assert.equal(body(text).code, 'header_too_large');
  });

  it('accepts a header block just under the limit', async () => {
    const { text } = await exchange(server.url, [
      `GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\nX-Big: ${'x'.repeat(1500)}\r\n\r\n`]);
    assert.equal(status(text), 200);
  });

  it('refuses an announced oversized body with 413 before reading it', async () => {
    // Only the headers are sent: the answer cannot depend on reading the body.
    const { text, elapsed } = await exchange(server.url, [
      'POST /api/v1/calendar/deadlines HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n']);
    assert.equal(status(text), 413);
    assert.equal(body(text).code, 'payload_too_large');
    assert.ok(elapsed < 900, `answered before the request deadline (${elapsed} ms)`);
  });

  it('applies the per-route body limit (4 KiB for deadlines) and the default elsewhere', async () => {
    const json = JSON.stringify({ start: '2026-02-13', working_days: 3, pad: 'x'.repeat(3000) });
    const { text } = await exchange(server.url, [
      `POST /api/v1/calendar/deadlines HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`]);
    assert.equal(status(text), 200, 'over the 1 KiB default but under the route limit');
    const { text: other } = await exchange(server.url, [
      `GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n`]);
    assert.equal(status(other), 413, 'over the 1 KiB server default');
  });

  it('stops reading a chunked body that grows past the limit', async () => {
    const chunk = 'x'.repeat(3000);
    const { text } = await exchange(server.url, [
      'POST /api/v1/calendar/deadlines HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      `${(3000).toString(16)}\r\n${chunk}\r\n`, `${(3000).toString(16)}\r\n${chunk}\r\n`, '0\r\n\r\n']);
    assert.equal(status(text), 413);
  });

  it('cuts off a request that stalls mid-body after the request deadline', async () => {
    const { text, elapsed } = await exchange(server.url, [
      'POST /api/v1/calendar/deadlines HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"start":']);
    assert.equal(text, '', 'no response to a request that never arrived');
    assert.ok(elapsed >= 900 && elapsed < 4000, `closed after ~1 s, took ${elapsed} ms`);
  });

  it('cuts off a client trickling header bytes, however steadily', async () => {
    const request = 'GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n';
    const { text, elapsed } = await exchange(server.url, request.split(''), { delayMs: 50 });
    assert.equal(text, '');
    assert.ok(elapsed < 3000, `closed by the deadline, took ${elapsed} ms`);
  });

  it('closes idle keep-alive connections after the idle timeout', async () => {
    const { text, elapsed } = await exchange(server.url, ['GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n']);
    assert.equal(status(text), 200);
    assert.ok(elapsed >= 1400 && elapsed < 5000, `idle close after ~1.5 s, took ${elapsed} ms`);
  });

  it('refuses connections beyond the cap and counts them', async () => {
    const { hostname, port } = new URL(server.url);
    const held = await Promise.all(Array.from({ length: 8 }, () => new Promise((resolve) => {
      const s = net.connect(Number(port), hostname, () => resolve(s));
      s.on('error', () => {});
    })));
    await new Promise((r) => setTimeout(r, 200));
    const { text } = await exchange(server.url, ['GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n'], { timeoutMs: 3000 });
    assert.equal(text, '', 'the ninth connection is closed without an answer');
    held.forEach((s) => s.destroy());
    await new Promise((r) => setTimeout(r, 300));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /sen_http_refused_connections_total [1-9]/);
  });

  it('exports request counts and latency histograms per route', async () => {
    await fetch(`${server.url}/api/v1/places/01`);
    await fetch(`${server.url}/api/v1/places/nope`);
    const res = await fetch(`${server.url}/metrics`);
    assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    assert.match(text, /sen_http_requests_total\{method="GET",route="\/api\/v1\/places\/\{code\}",status="200"\} [1-9]/);
    assert.match(text, /sen_http_requests_total\{method="GET",route="\/api\/v1\/places\/\{code\}",status="404"\} [1-9]/);
    assert.match(text, /sen_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/places\/\{code\}",le="\+Inf"\} [1-9]/);
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request, closes idle connections and exits 0 on SIGTERM', async () => {
    const server = await startSen();
    const { hostname, port } = new URL(server.url);
    const idle = net.connect(Number(port), hostname);
    const idleClosed = new Promise((r) => idle.on('close', r));
    idle.on('error', () => {});
    // An in-flight request: headers sent, body not yet complete when the signal arrives.
    const json = '{"start":"2026-02-13","working_days":3}';
    const inflight = net.connect(Number(port), hostname);
    let answer = '';
    inflight.on('data', (d) => { answer += d; });
    const answered = new Promise((r) => inflight.on('close', r));
    await new Promise((r) => inflight.on('connect', r));
    inflight.write(`POST /api/v1/calendar/deadlines HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n\r\n${json.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 200));
    server.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    inflight.write(json.slice(10));
    await answered;
    await idleClosed;
    assert.equal(status(answer), 200);
    assert.match(answer, /connection: close/i);
    assert.equal(body(answer).due, '2026-02-25');
    const { code } = await server.exited;
    assert.equal(code, 0);
    await server.stop();
    // The port is released: nobody answers any more.
    await assert.rejects(fetch(`${server.url}/healthz`));
  });
});

describe('shutdown grace period', () => {
  it('exits when the grace period ends even if a client never finishes its request', async () => {
    const server = await startSen({ env: { SEN_SERVER_SHUTDOWN_GRACE_MS: '500' } });
    const { hostname, port } = new URL(server.url);
    const stuck = net.connect(Number(port), hostname);
    stuck.on('error', () => {});
    await new Promise((r) => stuck.on('connect', r));
    stuck.write('POST /api/v1/calendar/deadlines HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    server.proc.kill('SIGTERM');
    await server.exited;
    const waited = Date.now() - started;
    assert.ok(waited >= 400 && waited < 3000, `stopped after the 500 ms grace period, took ${waited} ms`);
    stuck.destroy();
    await server.stop();
  });
});
