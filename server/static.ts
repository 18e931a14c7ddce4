/**
 * Serves the built SPA: hashed assets cached for a year, everything else falls back to index.html.
 * Text files go compressed when the browser accepts it (brotli, else gzip): the app is about 1.5 MB
 * as built and about 0.3 MB compressed, which a laptop on a phone's connection notices. Each file is
 * read and compressed once, on its first request, and kept: the build does not change under a
 * running server. Only these public files are compressed, never an API answer.
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Context } from "hono";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const compressible = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".webmanifest"]);

/** One file as it can be sent: as built, and compressed when that is worth it. */
interface Prepared {
  raw: Uint8Array<ArrayBuffer>;
  br?: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
}

async function prepare(file: string): Promise<Prepared> {
  const raw = new Uint8Array(await readFile(file));
  if (!compressible.has(extname(file)) || raw.length < 1024) return { raw };
  const [br, gz] = await Promise.all([
    promisify(brotliCompress)(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }),
    promisify(gzip)(raw, { level: 9 }),
  ]);
  return { raw, br: new Uint8Array(br), gzip: new Uint8Array(gz) };
}

/** The encoding to send: brotli, else gzip, when `Accept-Encoding` takes it (not with `;q=0`). */
function chooseEncoding(accept: string | undefined, file: Prepared): "br" | "gzip" | undefined {
  const accepted = new Set(
    (accept ?? "")
      .split(",")
      .map((part) => part.trim().toLowerCase().split(";"))
      .filter(([, ...params]) => !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p)))
      .map(([name]) => name.trim()),
  );
  if (file.br && accepted.has("br")) return "br";
  if (file.gzip && accepted.has("gzip")) return "gzip";
  return undefined;
}

/** Sends a prepared file in the best encoding the request accepts. */
function send(c: Context, file: Prepared, headers: Record<string, string>): Response {
  const encoding = chooseEncoding(c.req.header("accept-encoding"), file);
  const body = encoding ? (file[encoding] as Uint8Array<ArrayBuffer>) : file.raw;
  return c.body(body, 200, {
    ...headers,
    ...(file.br ? { Vary: "Accept-Encoding" } : {}),
    ...(encoding ? { "Content-Encoding": encoding } : {}),
  });
}

/** Creates the handler for GET requests outside `/api`. */
export function spa(webRoot: string) {
  const root = normalize(webRoot);
  /** Files read (and compressed) so far, by path; only files that exist in the build get here. */
  const files = new Map<string, Promise<Prepared>>();
  const load = (file: string) => {
    let loading = files.get(file);
    if (!loading) {
      loading = prepare(file);
      files.set(file, loading);
      loading.catch(() => files.delete(file));
    }
    return loading;
  };

  return async function serveSpa(c: Context): Promise<Response> {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text("Ongeldig adres", 400);
    }
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && extname(file)) {
      try {
        const s = await stat(file);
        if (s.isFile()) {
          const hashed = path.startsWith("/assets/");
          return send(c, await load(file), {
            "Content-Type": types[extname(file)] ?? "application/octet-stream",
            "Cache-Control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
          });
        }
      } catch {
        // fall through: a missing asset is a 404, a client route gets the app
      }
      if (path.startsWith("/assets/")) return c.text("Niet gevonden", 404);
    }
    return send(c, await load(join(root, "index.html")), {
      "Content-Type": types[".html"],
      "Cache-Control": "no-cache",
    });
  };
}
