/**
 * Creating a new embedded database (PGlite's initdb) grows PGlite's WebAssembly memory to about
 * 750 MB, and WebAssembly memory is never given back: a server whose first start created its data
 * folder kept 854 MB resident until it was restarted, against 346 MB after a restart (`npm start`,
 * measured). So a new folder is created in a worker thread, whose memory goes when it ends, and the
 * server then opens the folder as it would after a restart. The first start takes about half a
 * second longer; later starts are unchanged.
 */
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

/** CommonJS, so that it runs as an `eval` worker without a file of its own. */
const createInWorker = `
const { workerData } = require("node:worker_threads");
const { PGlite } = require(workerData.pglite);
PGlite.create(workerData.dataDir).then((db) => db.close());
`;

/** Whether `dataDir` holds no database yet (PostgreSQL writes PG_VERSION when it creates one). */
export function isNewFolder(dataDir: string): boolean {
  return !existsSync(join(dataDir, "PG_VERSION"));
}

/**
 * Creates the database in the new folder `dataDir` (and the folders above it that are missing) in a
 * worker thread; resolves once that has ended.
 */
export function createInNewFolder(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  return new Promise((resolve, reject) => {
    const worker = new Worker(createInWorker, { eval: true, workerData: { pglite, dataDir } });
    let failure: unknown;
    worker.once("error", (err) => {
      failure = err;
    });
    worker.once("exit", (code) => {
      if (code === 0 && failure === undefined) resolve();
      else reject(failure ?? new Error(`creating the database in ${dataDir} failed (exit ${code})`));
    });
  });
}
