import { after, before } from "node:test";
import { launchBrowser } from "./browser.mjs";
import { startServer } from "./server.mjs";

// One server and one browser per test file, torn down in reverse order.
// Returns a getter object because before() runs after the test functions are declared.
// `serverEnv`: extra environment for the server (see startServer).
export function useServerAndBrowser({ serverEnv = {} } = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer({ env: serverEnv });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    const exit = await env.server?.stop();
    if (exit !== undefined && exit.code !== 0 && exit.signal !== "SIGTERM") {
      throw new Error(`sen exited with code ${exit.code} after SIGTERM\n${env.server.log()}`);
    }
  });
  return {
    get url() {
      return env.server.url;
    },
    get browser() {
      return env.browser;
    },
    // Where `sen demo` wrote demo-accounts.json.
    get dataDir() {
      return env.server.dataDir;
    },
  };
}
