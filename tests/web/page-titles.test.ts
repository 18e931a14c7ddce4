/**
 * Every page names its browser tab after the kind of page (WCAG 2.4.2), from `appRoutes`: a text in
 * both languages, one per page, and with no placeholder, so no case data can ever be filled into a
 * title (titles land in the history and bookmarks of possibly shared computers).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { access } from "../../web/src/i18n/messages/access";
import { cases } from "../../web/src/i18n/messages/cases";
import { common } from "../../web/src/i18n/messages/common";
import { conference } from "../../web/src/i18n/messages/conference";
import { followup } from "../../web/src/i18n/messages/followup";
import { plan } from "../../web/src/i18n/messages/plan";
import type { AppRoute } from "../../web/src/routes";

const bundles = [access, cases, common, conference, followup, plan];
const dictionary = (language: "nl" | "en"): Record<string, string> =>
  Object.assign({}, ...bundles.map((b) => b[language]));

const routesFile = fileURLToPath(new URL("../../web/src/routes.ts", import.meta.url));

/**
 * The real `appRoutes`, with every page component it imports stubbed: the pages are Solid JSX,
 * which the test runner does not compile, and only the table matters here.
 */
async function loadAppRoutes(): Promise<AppRoute[]> {
  const out = await build({
    entryPoints: [routesFile],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
    plugins: [
      {
        name: "stub-pages",
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) =>
            args.importer === routesFile ? { path: args.path, namespace: "page" } : undefined,
          );
          b.onLoad({ filter: /.*/, namespace: "page" }, () => ({
            contents: "module.exports = new Proxy({}, { get: () => function Page() {} });",
            loader: "js",
          }));
        },
      },
    ],
  });
  const dir = await mkdtemp(join(tmpdir(), "eenplan-routes-"));
  try {
    const file = join(dir, "routes.mjs");
    await writeFile(file, out.outputFiles[0].text);
    return ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { appRoutes: AppRoute[] })
      .appRoutes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the tab title of every page", () => {
  it("is a text in Dutch and in English, different for each page, with nothing filled in", async () => {
    const routes = await loadAppRoutes();
    expect(routes.length).toBeGreaterThan(10);
    for (const language of ["nl", "en"] as const) {
      const texts = dictionary(language);
      const titles = routes.map((r) => [r.path, texts[r.title]] as const);
      for (const [path, title] of titles) {
        expect([path, typeof title === "string" && title.trim().length > 0]).toEqual([path, true]);
        expect([path, /\{\w+\}/.test(title)]).toEqual([path, false]);
      }
      expect(new Set(titles.map(([, title]) => title)).size).toBe(routes.length);
      expect(texts["title.page"]).toBe("{page} · Eén Plan");
    }
  });
});
