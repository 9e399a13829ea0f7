import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const WEB_DIST = path.join(REPO_ROOT, "web/dist");
export const PACK_DIR = path.join(REPO_ROOT, "packs/vn");
export const SHOT_DIR = process.env.SEN_SHOT_DIR ?? "/tmp/sen-shots";
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// A reason to skip the whole suite, or null. A missing browser is an environment gap (skip);
// a missing server binary or web build is a setup error and fails loudly in startServer().
export function skipReason() {
  if (!existsSync(CHROMIUM)) {
    return `chromium not found at ${CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)`;
  }
  return null;
}
