import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PACK_DIR, REPO_ROOT, WEB_DIST } from "./paths.mjs";

const LISTENING = /listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_LIMIT = 64 * 1024;

// Starts `$SEN_BINARY demo` on a free port with a fresh data dir; resolves once it
// reports its URL. The returned stop() sends SIGTERM and waits for the process to exit.
export async function startServer() {
  const binary = process.env.SEN_BINARY;
  if (binary === undefined || binary === "") {
    throw new Error("SEN_BINARY is not set: point it at the built `sen` executable");
  }
  const executable = path.resolve(REPO_ROOT, binary);
  if (!existsSync(executable)) throw new Error(`SEN_BINARY does not exist: ${executable}`);
  if (!existsSync(path.join(WEB_DIST, "index.html"))) {
    throw new Error(`${WEB_DIST}/index.html missing: run \`npm ci && npm run build\` in web/`);
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "sen-e2e-data-"));
  const args = ["demo", "--data-dir", dataDir, "--listen", "127.0.0.1:0", "--web-dir", WEB_DIST, "--pack-dir", PACK_DIR];
  const child = spawn(executable, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });

  let log = "";
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });

  const url = await new Promise((resolve, reject) => {
    let stdoutBuffer = "";
    const timer = setTimeout(() => {
      reject(new Error(`sen did not report "listening on" within ${START_TIMEOUT_MS} ms\n${log}`));
    }, START_TIMEOUT_MS);
    // Keep draining both pipes for the server's whole life so it never blocks on a full pipe.
    const record = (chunk) => {
      log = (log + chunk).slice(-LOG_LIMIT);
    };
    child.stderr.setEncoding("utf8").on("data", record);
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      record(chunk);
      stdoutBuffer += chunk;
      const match = LISTENING.exec(stdoutBuffer);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        stdoutBuffer = "";
        resolve(match[1].replace(/\/+$/, ""));
      }
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`sen exited before listening (code ${code}, signal ${signal})\n${log}`));
    });
  });

  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      let timer;
      const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve(null), STOP_TIMEOUT_MS);
      });
      const result = await Promise.race([exited, timeout]);
      clearTimeout(timer); // a pending timer would keep the test process alive
      if (result === null) child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
      if (result === null) throw new Error(`sen did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
      return result;
    },
  };
}
