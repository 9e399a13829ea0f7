// Starts a real `sen` process for a test: fresh data directory, port 0, waits for the
// "Sen listening on URL" line. Used by the API harness and the limit tests.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { recordSecret, serverLog } from './test_logs.mjs';

export const sourceDir = process.env.SEN_SOURCE_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// A port that was free a moment ago, for servers that must know each other's address before starting.
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function senBinary() {
  const bin = process.env.SEN_BINARY;
  if (!bin) throw new Error('SEN_BINARY must point at the sen executable');
  return bin;
}

// The PostgreSQL test server written by tests/support/postgres.sh, or null.
export function postgresUrl() {
  const file = process.env.SEN_TEST_PG_URL_FILE;
  if (!file || !existsSync(file)) return null;
  const url = readFileSync(file, 'utf8').trim();
  return url || null;
}

// A fresh database on the test server for one server process.
export function createPostgresDatabase(baseUrl) {
  const name = `sen_api_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  execFileSync('psql', [baseUrl, '-q', '-c', `CREATE DATABASE ${name}`]);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// `dataDir`: an existing data directory, kept afterwards; by default a fresh one, removed on stop().
export async function startSen({ command = 'demo', args = [], env = {}, databaseUrl = null, dataDir = null, listen = '127.0.0.1:0' } = {}) {
  const ownsDataDir = dataDir === null;
  dataDir ??= mkdtempSync(path.join(tmpdir(), 'sen-test-'));
  const fullArgs = [command, '--data-dir', dataDir, '--listen', listen,
    '--pack-dir', path.join(sourceDir, 'packs/vn'), '--web-dir', path.join(sourceDir, 'web/dist'), ...args];
  if (databaseUrl) fullArgs.push('--database-url', databaseUrl);
  const proc = spawn(path.resolve(sourceDir, senBinary()), fullArgs, {
    cwd: sourceDir,
    env: { ...process.env, SEN_LOG_ACCESS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const log = serverLog(command);
  proc.stderr.on('data', (d) => { stderr += d; log.write(d); });
  proc.stdout.on('data', (d) => log.write(d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sen did not start in 60 s: ${stderr}`)), 60_000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`sen exited with ${code}: ${stderr}`)); });
  });
  proc.removeAllListeners('exit');
  const demoAccounts = path.join(dataDir, 'demo-accounts.json');
  if (existsSync(demoAccounts)) {
    for (const a of JSON.parse(readFileSync(demoAccounts, 'utf8'))) recordSecret(a.password);
  }
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    url,
    proc,
    dataDir,
    stderr: () => stderr,
    exited,
    log: () => stderr,
    // SIGTERM, then SIGKILL if the server has not exited within 10 s (which is itself a failure).
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      let timer;
      const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), 10_000); });
      const result = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      if (result === null) proc.kill('SIGKILL');
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      if (result === null) throw new Error('sen did not exit within 10 s of SIGTERM');
      return result;
    },
  };
}
