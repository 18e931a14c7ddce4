/**
 * `npm start`: bundles the server (server/start.ts) into dist/server.mjs and runs it in this
 * process with plain Node. `npm run dev` runs the sources through tsx instead.
 */
import { pathToFileURL } from "node:url";
import { bundleServer } from "./bundle.mjs";

const out = await bundleServer("server/start.ts", "dist/server.mjs");
await import(pathToFileURL(out).href);
