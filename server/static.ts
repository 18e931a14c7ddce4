/** Serves the built SPA: hashed assets cached for a year, everything else falls back to index.html. */
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
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

/** Creates the handler for GET requests outside `/api`. */
export function spa(webRoot: string) {
  const root = normalize(webRoot);
  let indexHtml: Buffer | undefined;

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
          return c.body(new Uint8Array(await readFile(file)), 200, {
            "Content-Type": types[extname(file)] ?? "application/octet-stream",
            "Cache-Control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
          });
        }
      } catch {
        // fall through: a missing asset is a 404, a client route gets the app
      }
      if (path.startsWith("/assets/")) return c.text("Niet gevonden", 404);
    }
    indexHtml ??= await readFile(join(root, "index.html"));
    return c.body(new Uint8Array(indexHtml), 200, {
      "Content-Type": types[".html"],
      "Cache-Control": "no-cache",
    });
  };
}
