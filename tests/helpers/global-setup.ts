/**
 * Before the suite: builds the web app when it is missing or stale (e2e serves it), and initialises
 * the database that PGlite test databases start from (pglite-template.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureWebBuild } from "../../server/build-web";
import { createTemplate } from "./pglite-template";

export default async function setup(): Promise<() => Promise<void>> {
  ensureWebBuild();
  const dir = await mkdtemp(join(tmpdir(), "eenplan-template-"));
  await createTemplate(dir);
  return () => rm(dir, { recursive: true, force: true });
}
