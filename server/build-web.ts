/** Builds the web app when the build is missing or older than its sources. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const sources = ["web", "shared", "vite.config.ts", "package-lock.json"].map((p) => join(root, p));
const builtIndex = join(root, "dist/web/index.html");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether `dist/web` is missing or older than any web source. */
export function webBuildIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  return sources.some((s) => newestMtime(s) > built);
}

/** Runs `vite build` when needed; exits the process when the build fails. */
export function ensureWebBuild(): void {
  if (!webBuildIsStale()) return;
  process.stdout.write("De webapp wordt gebouwd (eenmalig, even geduld)…\n");
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) {
    process.stderr.write("Building the web app failed.\n");
    process.exit(1);
  }
}
