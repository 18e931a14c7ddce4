/** A private copy of the built web app for one e2e file. */
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Copies `dist/web` to a folder of its own: other test runs on this machine may rebuild
 * `dist/web` while this one runs, which would swap the hashed assets under an open page. Waits
 * while the build is incomplete. Remove the folder when done.
 */
export async function copyOfWebBuild(): Promise<string> {
  const built = fileURLToPath(new URL("../../dist/web", import.meta.url));
  for (let attempt = 0; ; attempt++) {
    const dir = await mkdtemp(join(tmpdir(), "eenplan-web-"));
    await cp(built, dir, { recursive: true }).catch(() => {});
    const index = await readFile(join(dir, "index.html"), "utf8").catch(() => "");
    const assets = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    const complete = await Promise.all(
      assets.map((a) =>
        readFile(join(dir, a)).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (index && complete.every(Boolean)) return dir;
    await rm(dir, { recursive: true, force: true });
    if (attempt > 20) throw new Error("dist/web stays incomplete");
    await new Promise((r) => setTimeout(r, 1000));
  }
}
