// Replays every tests/api/cases/*.api file against `sen demo`, on SQLite and, when the test
// PostgreSQL server is up, on PostgreSQL too.
import { describe, it, before, after } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseContext, loadCases, runCase } from './harness.mjs';
import { startSen, postgresUrl, createPostgresDatabase } from '../support/sen_server.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const files = readdirSync(dir).filter((f) => f.endsWith('.api')).sort();
const pg = postgresUrl();
if (!pg && process.env.SEN_REQUIRE_POSTGRES === '1') throw new Error('PostgreSQL is required but not running');
const backends = pg ? ['sqlite', 'postgres'] : ['sqlite'];

for (const backend of backends) {
  describe(`API cases on ${backend}`, () => {
    let server;
    before(async () => {
      // Every case comes from one client address within a few minutes: more changes than a real client's
      // budget (the budget itself is tested in auth.test.mjs).
      server = await startSen({
        databaseUrl: backend === 'postgres' ? createPostgresDatabase(pg) : null,
        env: { SEN_AUTH_WRITES_PER_MINUTE_PER_ACCOUNT: '1000' },
      });
    });
    after(async () => {
      const { code } = await server.stop();
      if (code !== 0) throw new Error(`sen exited with ${code} after SIGTERM: ${server.stderr()}`);
    });
    for (const file of files) {
      describe(file, () => {
        let ctx;
        before(() => {
          const accounts = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
          ctx = caseContext(server.url, accounts);
        });
        for (const c of loadCases(path.join(dir, file))) {
          it(c.title, () => runCase(server.url, c, ctx));
        }
      });
    }
  });
}
