// ctest's log_secrets: runs after the API and browser tests and fails if any server's log of the
// run holds an identity number or a secret, or if there were too few logs to mean anything.
import { scanDirectory } from './log_scan.mjs';

const dir = process.argv[2];
const minimumLogs = Number(process.argv[3] ?? 20);
const { logs, bytes, secrets, findings } = scanDirectory(dir);
console.log(`scanned ${logs} server logs (${Math.round(bytes / 1024)} KiB) for identity numbers and ${secrets} secrets`);
for (const f of findings.slice(0, 50)) console.log(`${f.log}: ${f.what}: …${f.excerpt}…`);
if (logs < minimumLogs) {
  console.log(`expected at least ${minimumLogs} server logs in ${dir}: were the API and browser tests run?`);
  process.exit(1);
}
process.exit(findings.length === 0 ? 0 : 1);
