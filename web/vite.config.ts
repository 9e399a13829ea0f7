import { defineConfig, loadEnv } from "vite";
import preact from "@preact/preset-vite";

// The server applies a strict CSP (no inline script/style, fonts only from 'self'),
// so nothing may be inlined into index.html or turned into data: URLs.
export default defineConfig(({ mode }) => {
  // SEN_API_ORIGIN (environment or .env) points `npm run dev` at a running sen server.
  const env = loadEnv(mode, ".", "SEN_");
  return {
    plugins: [preact()],
    base: "/",
    build: {
      outDir: "dist",
      emptyOutDir: true,
      target: "es2020",
      assetsDir: "assets",
      assetsInlineLimit: 0,
      cssCodeSplit: false,
      modulePreload: { polyfill: false },
      sourcemap: false,
    },
    server: {
      proxy: {
        "/api": env["SEN_API_ORIGIN"] ?? "http://127.0.0.1:8080",
      },
    },
  };
});
