/**
 * One Eén Plan per embedded data folder. PGlite is a PostgreSQL inside this process, without the
 * lock a PostgreSQL server takes on its folder: a second `npm start` on the same folder (another
 * terminal, a service beside a manual start) would open the same files and write beside the first,
 * which can leave the database unreadable. A lock file in the folder holds the process id; a lock
 * whose process is gone (killed, the machine restarted) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

/** The lock file's name inside the data folder (PostgreSQL ignores files it does not know). */
export const lockFileName = "een-plan.lock";

/** The lock taken, or the process that holds it. */
export type DataDirLock = { ok: true; release: () => void } | { ok: false; heldBy: number };

/** Whether a process with this id runs (one of another user's counts too). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process id in a lock file, or undefined when it holds none (half written, emptied). */
function holderOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the data folder for this process (creating it when missing). */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, lockFileName);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      const release = () => {
        if (holderOf(path) !== process.pid) return;
        try {
          unlinkSync(path);
        } catch {
          // Gone already: nothing to give back.
        }
      };
      return { ok: true, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = holderOf(path);
      if (holder !== undefined && holder !== process.pid && running(holder))
        return { ok: false, heldBy: holder };
      // Left by a process that is gone: take it over.
      try {
        unlinkSync(path);
      } catch {
        // Another starting process took it over first; the next attempt sees theirs.
      }
    }
  }
  const holder = holderOf(path);
  return { ok: false, heldBy: holder ?? 0 };
}

/**
 * Takes the data folder for the rest of this process, or says who holds it and exits with status 1.
 * The lock is given back however the process ends, short of being killed (the next start then takes
 * it over).
 */
export function holdDataDir(dataDir: string): void {
  const lock = lockDataDir(dataDir);
  if (!lock.ok) {
    process.stderr.write(
      `Eén Plan cannot start: the data folder ${dataDir} is in use by another Eén Plan (process ${lock.heldBy}). Stop that one first, or set DATA_DIR to another folder.\n`,
    );
    process.exit(1);
  }
  process.on("exit", lock.release);
}
