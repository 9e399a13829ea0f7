import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Checks a signed PDF with poppler's pdfsig against an NSS database that trusts only `caPem`.
// pdfsig exits 0 even for a bad signature, so callers read the output.
export function pdfsig(pdfFile, caPem) {
  for (const tool of ["/usr/bin/pdfsig", "/usr/bin/certutil"]) {
    if (!existsSync(tool)) throw new Error(`${tool} missing (apt-get install poppler-utils libnss3-tools)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "sen-nss-"));
  try {
    const caFile = path.join(dir, "ca.pem");
    writeFileSync(caFile, caPem);
    execFileSync("certutil", ["-N", "-d", `sql:${dir}`, "--empty-password"]);
    execFileSync("certutil", ["-A", "-d", `sql:${dir}`, "-n", "sen-ca", "-t", ",C,", "-i", caFile]);
    return execFileSync("pdfsig", ["-nssdir", `sql:${dir}`, pdfFile], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
