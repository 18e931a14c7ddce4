/** Drives the system Chromium with playwright-core; screenshots on failure. */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterEach, expect } from "vitest";
import type { TestServer } from "./server";

/** Where Debian installs Chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether e2e can run here. On CI a missing Chromium is a failure, never a skip. */
export function chromiumAvailable(): boolean {
  const present = existsSync(chromiumPath);
  if (!present && process.env.CI === "true") {
    throw new Error(
      `Chromium is missing at ${chromiumPath}; CI must install it (apt-get install -y chromium)`,
    );
  }
  return present;
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A fresh browser context (own cookies and storage) in Dutch. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: "nl-NL", viewport: { width: 1280, height: 900 } });
}

/**
 * A fresh context already logged in as a demo account: the session is made over the API (the
 * login page has its own e2e test) and its cookie put in the browser.
 */
export async function loggedInContext(
  browser: Browser,
  server: { url: string; loginAs(key: string): Promise<{ cookie: string | null }> },
  key: string,
): Promise<BrowserContext> {
  const context = await newContext(browser, server.url);
  const client = await server.loginAs(key);
  const [name, value] = (client.cookie ?? "").split(";")[0].split("=");
  await context.addCookies([{ name, value, url: server.url }]);
  return context;
}

const shotDir = new URL("../e2e/screenshots/", import.meta.url);

/** Saves a full-page screenshot under tests/e2e/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(shotDir, { recursive: true });
  const path = new URL(`${name.replace(/[^a-z0-9-]+/gi, "-")}.png`, shotDir).pathname;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Runs a step and takes a screenshot of every open page when it fails. */
export async function withScreenshots<T>(pages: Page[], name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    for (const [i, p] of pages.entries()) {
      await screenshot(p, `FAILED-${name}-${i}`).catch(() => {});
    }
    throw err;
  }
}

/**
 * Watches the conference sockets the page opens from now on: the answer is true once the server has
 * accepted one (Socket.IO's CONNECT answer, "40…"), so a test can cut it knowing it was up.
 */
export function watchConferenceSocket(page: Page): () => boolean {
  let connected = false;
  page.on("websocket", (ws) => {
    if (!ws.url().includes("/socket.io/")) return;
    ws.on("framereceived", (f) => {
      if (String(f.payload).startsWith("40")) connected = true;
    });
  });
  return () => connected;
}

/**
 * Ends the session of the browser `context` from elsewhere, as a logout in another browser or the
 * idle limit would: the page is not told by any request of its own.
 */
export async function endSessionElsewhere(context: BrowserContext, server: TestServer): Promise<void> {
  const session = (await context.cookies()).find((c) => c.name === "session");
  const sameSession = server.client();
  sameSession.cookie = `session=${session?.value}`;
  expect((await sameSession.post("/api/auth/logout")).status).toBe(200);
}

/**
 * Where the page is, as "<path> <page to go back to>": "/inloggen /acties" on a login page that
 * returns to /acties afterwards. Poll it (`expect.poll(() => loginReturn(page))`).
 */
export function loginReturn(page: Page): string {
  const u = new URL(page.url());
  return `${u.pathname} ${u.searchParams.get("terug")}`;
}

/**
 * A page logged in through the login page as a demo account, and the script errors it throws (a
 * page that throws renders half or nothing, so tests check the list stays empty).
 */
export async function loggedInPageWithErrors(
  browser: Browser,
  baseURL: string,
  key: string,
): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser, baseURL);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await loginViaUi(page, key);
  return { page, errors };
}

/** Whether the element has the keyboard focus (poll it when the focus moves a moment later). */
export const isFocused = (l: Locator): Promise<boolean> => l.evaluate((el) => el === document.activeElement);

/** Logs in through the login page as a demo account. */
export async function loginViaUi(page: Page, key: string): Promise<void> {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(`${key}@demo.eenplan.nl`);
  await page.getByLabel("Wachtwoord").fill("demo-wachtwoord-2026");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/inloggen"));
}

/**
 * Puts the caret at the very end of the focused editor with the keyboard (Ctrl/Cmd+End), again
 * until it is there, both on screen and in the editor's own state: right after the section
 * connects, the editor may still settle and put the caret back at the start; and a key pressed
 * within milliseconds of a click (as a script does, never a hand) can move the caret on screen
 * while ProseMirror, still finishing the click, keeps the clicked position, where the next text
 * would land.
 */
export async function caretToEnd(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    await page.keyboard.press("ControlOrMeta+End");
    const atEnd = await page.evaluate(() => {
      const editor = document.activeElement as
        | (Element & {
            editor?: {
              state: {
                selection: { to: number };
                doc: { content: { size: number }; textBetween(from: number, to: number): string };
              };
            };
          })
        | null;
      const selection = getSelection();
      if (!editor || !selection?.focusNode || !editor.contains(selection.focusNode)) return false;
      const after = document.createRange();
      after.selectNodeContents(editor);
      after.setStart(selection.focusNode, selection.focusOffset);
      // Tiptap hangs its editor on the editable element.
      const state = editor.editor?.state;
      if (!state) return false;
      const stateAtEnd = state.doc.textBetween(state.selection.to, state.doc.content.size) === "";
      return after.toString().length === 0 && stateAtEnd;
    });
    if (atEnd) return;
    await page.waitForTimeout(100);
  }
  throw new Error("the caret did not reach the end of the editor");
}

/**
 * For files whose tests open several browsers: after each test the contexts handed to `keep` are
 * closed, and the test fails when a page handed to `watch` threw (a page that throws renders half or
 * nothing).
 */
export function closeAfterEachTest(): {
  keep(context: BrowserContext): BrowserContext;
  watch(page: Page, who: string): Page;
} {
  let contexts: BrowserContext[] = [];
  let errors: string[] = [];
  afterEach(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    contexts = [];
    const thrown = errors;
    errors = [];
    expect(thrown).toEqual([]);
  });
  return {
    keep(context) {
      contexts.push(context);
      return context;
    },
    watch(page, who) {
      page.on("pageerror", (e) => errors.push(`${who}: ${e.message}`));
      return page;
    },
  };
}
