import { existsSync } from "node:fs";
import path from "node:path";
import { startSen } from "../../support/sen_server.mjs";
import { WEB_DIST } from "./paths.mjs";

// The browser journeys run against `sen demo` started like every other test server.
// `env`: extra environment for the server (settings such as SEN_SERVICES_CLOCK_FILE).
export async function startServer({ env = {} } = {}) {
  if (!existsSync(path.join(WEB_DIST, "index.html"))) {
    throw new Error(`${WEB_DIST}/index.html missing: run scripts/build_web.sh`);
  }
  return startSen({ env });
}
