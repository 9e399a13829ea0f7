// Writes many dossiers straight into a stopped server's database (dossier_seed.<backend>.sql): how
// the lists benchmark and the web queue test get an agency with thousands of dossiers in seconds.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// `local` of the `count` dossiers at commune 00004 (agency UBND-00004), all of `applicantId`.
export function seedDossiers({ dataDir, databaseUrl = null, count, local, applicantId }) {
  const backend = databaseUrl ? 'postgres' : 'sqlite';
  const sql = readFileSync(path.join(here, `dossier_seed.${backend}.sql`), 'utf8')
    .replaceAll(':LOCAL', String(local))
    .replaceAll(':N', String(count))
    .replaceAll(':APPLICANT', applicantId);
  if (backend === 'sqlite') {
    execFileSync('sqlite3', ['-bail', path.join(dataDir, 'sen.db')], { input: sql, stdio: ['pipe', 'ignore', 'inherit'] });
  } else {
    execFileSync('psql', [databaseUrl, '-q', '-v', 'ON_ERROR_STOP=1'], { input: sql, stdio: ['pipe', 'ignore', 'inherit'] });
  }
}
