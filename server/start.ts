/**
 * The server as `npm start` runs it (bundled by server/launch.mjs): builds the web app when missing
 * or stale, then starts.
 */
import { ensureWebBuild } from "./build-web";
import { main } from "./main";

ensureWebBuild();
main().catch((err: unknown) => {
  process.stderr.write(`Eén Plan could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
