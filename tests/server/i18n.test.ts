/**
 * Someone who chose English in the web app gets the server's error messages in English: HTTP
 * answers follow the request's `Accept-Language`, Socket.IO refusals the locale of the socket's
 * handshake. Without either, or with Dutch, they stay Dutch. And every Dutch message the server can
 * send has its English, which the last part checks by reading the sources.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoCaseReference } from "../../db/seed/demo";
import { inEnglish, prefersEnglish } from "../../server/i18n/en";
import { type HttpClient, startTestServer, type TestServer } from "../helpers/server";
import { type ConferenceSocket, connectSocket, emitAck } from "../helpers/socket";

const english = { "Accept-Language": "en" };
const britishFirst = { "Accept-Language": "en-GB,en;q=0.9,nl;q=0.8" };
const dutch = { "Accept-Language": "nl-NL" };

let server: TestServer;
let coordinator: HttpClient;
beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.loginAs("coordinator");
});
afterAll(() => server?.stop());

type ErrorAnswer = { json: { error: { code: string; message: string; details?: FieldProblem[] } } };
type FieldProblem = { path: string; message: string };

const messageOf = (res: ErrorAnswer) => res.json.error.message;
const detailsOf = (res: ErrorAnswer) =>
  Object.fromEntries((res.json.error.details ?? []).map((d) => [d.path, d.message]));

describe("HTTP error answers", () => {
  it("refuses a login in the language the request prefers", async () => {
    // A new address every time, so the failed-login limit of one account never comes into play.
    const login = (headers?: Record<string, string>) =>
      server
        .client()
        .post(
          "/api/auth/login",
          { email: `${randomUUID()}@example.nl`, password: "fout-wachtwoord" },
          headers,
        );
    for (const headers of [english, britishFirst]) {
      const res = await login(headers);
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("unauthenticated");
      expect(messageOf(res)).toBe("E-mail address or password incorrect.");
    }
    for (const headers of [undefined, dutch, { "Accept-Language": "nl, en;q=0.9" }]) {
      const res = await login(headers);
      expect(res.status).toBe(401);
      expect(messageOf(res)).toBe("E-mailadres of wachtwoord onjuist.");
    }
  });

  it("names the problems at the fields in English, limits included, and in Dutch otherwise", async () => {
    const badLogin = { email: "geen-adres", password: "" };
    const en = await server.client().post("/api/auth/login", badLogin, britishFirst);
    expect(en.status).toBe(400);
    expect(en.json.error.code).toBe("invalid_input");
    expect(messageOf(en)).toBe("The input is invalid.");
    expect(detailsOf(en)).toEqual({
      email: "Fill in a valid e-mail address.",
      password: "Fill in your password.",
    });

    const nl = await server.client().post("/api/auth/login", badLogin, dutch);
    expect(messageOf(nl)).toBe("De invoer is ongeldig.");
    expect(detailsOf(nl)).toEqual({
      email: "Vul een geldig e-mailadres in.",
      password: "Vul uw wachtwoord in.",
    });

    // A limit set by a number: the pattern carries it over. The field name stays as it is.
    const tooLong = { reference: "MDA-I18N-001", title: "x".repeat(201), categories: [] };
    const long = await coordinator.post("/api/cases", tooLong, english);
    expect(long.status).toBe(400);
    expect(detailsOf(long)).toEqual({ title: "At most 200 characters." });
    expect(detailsOf(await coordinator.post("/api/cases", tooLong))).toEqual({
      title: "Hoogstens 200 tekens.",
    });
  });

  it("says in English that a case or an API address does not exist, and in Dutch without a header", async () => {
    const path = `/api/cases/${randomUUID()}`;
    const en = await coordinator.get(path, english);
    expect(en.status).toBe(404);
    expect(en.json.error.code).toBe("not_found");
    expect(messageOf(en)).toBe("Case not found.");
    expect(messageOf(await coordinator.get(path))).toBe("Casus niet gevonden.");
    expect(messageOf(await coordinator.get(path, dutch))).toBe("Casus niet gevonden.");

    const nowhere = await coordinator.get("/api/nergens", britishFirst);
    expect(nowhere.status).toBe(404);
    expect(messageOf(nowhere)).toBe("This address does not exist in the API.");
    expect(messageOf(await coordinator.get("/api/nergens"))).toBe("Dit adres bestaat niet in de API.");
  });

  it("explains a conflict in English, and in Dutch to a Dutch request", async () => {
    const twice = { reference: demoCaseReference, title: "Huishouden Dubbel", categories: [] };
    const en = await coordinator.post("/api/cases", twice, english);
    expect(en.status).toBe(409);
    expect(en.json.error.code).toBe("conflict");
    expect(messageOf(en)).toBe("A case with this reference already exists.");
    const nl = await coordinator.post("/api/cases", twice, dutch);
    expect(nl.status).toBe(409);
    expect(messageOf(nl)).toBe("Er bestaat al een casus met dit kenmerk.");
  });
});

describe("Socket.IO refusals", () => {
  let inEnglishSocket: ConferenceSocket;
  let inDutchSocket: ConferenceSocket;
  beforeAll(async () => {
    const chair = await server.loginAs("voorzitter");
    inEnglishSocket = await connectSocket(server.url, chair.cookie, { auth: { locale: "en" } });
    inDutchSocket = await connectSocket(server.url, chair.cookie);
  });
  afterAll(() => {
    inEnglishSocket?.close();
    inDutchSocket?.close();
  });

  it("refuses an invalid payload in English when the socket's locale is en", async () => {
    const en = await emitAck(inEnglishSocket, "conference:join", { conferenceId: "geen-id" });
    expect(en.ok).toBe(false);
    expect(en.error).toEqual({
      code: "invalid_input",
      message: "The input is invalid.",
      details: [{ path: "conferenceId", message: "Invalid id." }],
    });
    const notAnObject = await emitAck(inEnglishSocket, "conference:join", "geen object");
    expect(notAnObject.error.details).toEqual([{ path: "(payload)", message: "Expected an object." }]);

    const nl = await emitAck(inDutchSocket, "conference:join", { conferenceId: "geen-id" });
    expect(nl.error.message).toBe("De invoer is ongeldig.");
    expect(nl.error.details).toEqual([{ path: "conferenceId", message: "Ongeldige id." }]);
  });

  it("follows a language switched while connected (client:locale)", async () => {
    const chair = await server.loginAs("voorzitter");
    const socket = await connectSocket(server.url, chair.cookie, { auth: { locale: "en" } });
    const unknown = { conferenceId: randomUUID() };
    expect((await emitAck(socket, "conference:join", unknown)).error.message).toBe("Conference not found.");
    expect(await emitAck(socket, "client:locale", { locale: "nl" })).toEqual({ ok: true });
    expect((await emitAck(socket, "conference:join", unknown)).error.message).toBe("Overleg niet gevonden.");
    expect(await emitAck(socket, "client:locale", { locale: "en" })).toEqual({ ok: true });
    expect((await emitAck(socket, "conference:join", unknown)).error.message).toBe("Conference not found.");
    const bad = await emitAck(socket, "client:locale", { locale: "fr" });
    expect(bad.error).toMatchObject({ code: "invalid_input", details: [{ path: "locale" }] });
    socket.close();
  });

  it("says in English that a conference does not exist when the socket's locale is en", async () => {
    const unknown = { conferenceId: randomUUID() };
    const en = await emitAck(inEnglishSocket, "conference:join", unknown);
    expect(en.error).toEqual({ code: "not_found", message: "Conference not found." });
    const nl = await emitAck(inDutchSocket, "conference:join", unknown);
    expect(nl.error).toEqual({ code: "not_found", message: "Overleg niet gevonden." });
  });
});

describe("the translation itself", () => {
  it("follows the preferred of en and nl in Accept-Language, and is Dutch otherwise", () => {
    const cases: [string | undefined, boolean][] = [
      ["en", true],
      ["EN-us", true],
      ["en-GB,en;q=0.9,nl;q=0.8", true],
      ["fr, en;q=0.5", true],
      ["nl;q=0.4, en;q=0.6", true],
      [undefined, false],
      ["", false],
      ["nl-NL", false],
      ["nl, en", false],
      ["en;q=0.2, nl;q=0.8", false],
      ["en;q=0, de", false],
      ["*", false],
    ];
    for (const [header, expected] of cases)
      expect([header, prefersEnglish(header)]).toEqual([header, expected]);
  });

  it("carries numbers and field names over, counts in the singular for one, and leaves unknown text alone", () => {
    expect(inEnglish("Hoogstens 1 teken.")).toBe("At most 1 character.");
    expect(inEnglish("Hoogstens 3 keuzes.")).toBe("At most 3 choices.");
    expect(inEnglish("Minimaal 10 tekens.")).toBe("At least 10 characters.");
    expect(inEnglish("Onbekend veld: extra, meer.")).toBe("Unknown field: extra, meer.");
    expect(inEnglish("Kies een datum tussen 1900 en 2999.")).toBe("Choose a date between 1900 and 2999.");
    expect(inEnglish("Hoogstens veel tekens.")).toBe("Hoogstens veel tekens.");
    expect(inEnglish("Huishouden Berkel-Yilmaz")).toBe("Huishouden Berkel-Yilmaz");
  });
});

// ---------------------------------------------------------------------------------------------
// Coverage: every message literal in the server's sources has its English.

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The TypeScript files whose texts can reach a client. */
function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".ts") && !path.endsWith(".d.ts")) files.push(path);
    }
  };
  walk(join(root, "server"));
  walk(join(root, "shared/schemas"));
  return files;
}

/** Strings and comments, in source order: a quote inside a comment is not a string. */
const tokens = /"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;
/** A text that reads as a sentence: a capital (or a value) first, a space, a full stop at the end. */
const sentence = /^(?:[A-ZÀ-Ý]|\$\{)[^\n]* [^\n]*[.?!]$/u;
/** What comes right before a message: an error factory, `message:`/`error:`, a zod check. */
const messagePosition =
  /(?:\berrors\.\w+\(|\b(?:AppError|super)\(\s*"\w+",|\b(?:message|error)\s*:|\.(?:min|max|length|regex|email|uuid|url|datetime)\([^()"\n]*,|\.(?:email|uuid|url)\()\s*$/;

/** The texts of a source that are messages: sentences, and whatever stands where a message goes. */
function messagesIn(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(tokens)) {
    if (m[0].startsWith("/")) continue;
    const text = m[0].slice(1, -1);
    const before = source.slice(Math.max(0, m.index - 200), m.index);
    if (sentence.test(text) || messagePosition.test(before)) found.push(text);
  }
  return found;
}

/**
 * Texts that look like messages but never reach a client as one. Keep this short and say why.
 */
const notMessages: Record<string, string> = {
  // The outcome stored on an escalation that is raised a level: a record in the case's history,
  // not an error answer.
  "Opgeschaald naar ${levelNames[next]}.": "server/routes/escalations.ts",
};
/** Files whose texts are no Dutch messages to a client. */
const notClientFiles = new Set([
  // The start-up checks of the environment: English already, for the operator, never sent.
  "server/env.ts",
  // The dictionary itself: its Dutch are the messages found elsewhere, the rest is its English.
  "server/i18n/en.ts",
  // E-mails: each carries its Dutch and its English text together, whatever the reader's language.
  "server/notify/mail-message.ts",
]);

/**
 * Sample values of what templates interpolate (a new interpolation needs a line here, and so its
 * English a pattern in `server/i18n/en.ts`). Lists zip: the second sample takes every list's second.
 */
const numbers = ["1", "12"];
const samples: Record<string, string[]> = {
  maxNote: numbers,
  maxActionTitle: numbers,
  maxDecisionText: numbers,
  minPasswordLength: numbers,
  breakGlassReasonMin: numbers,
  firstYear: numbers,
  lastYear: numbers,
  max: numbers,
  min: numbers,
  "unexplained.length": ["2", "12"],
  "open.length": ["2", "12"],
  'count(max, "teken", "tekens")': ["1 teken", "200 tekens"],
  'count(max, "keuze", "keuzes")': ["1 keuze", "3 keuzes"],
  'count(min, "teken", "tekens")': ["2 tekens", "10 tekens"],
  'issue.keys.join(", ")': ["extra", "extra, meer"],
  // `text("een reden")` and `text("een uitkomst")` in server/routes/escalations.ts.
  what: ["een reden", "een uitkomst"],
  "what[0].toUpperCase()": ["E", "E"],
  "what.slice(1)": ["en reden", "en uitkomst"],
  untilDay: ["2046-03-02"],
};

/** The messages a template can become, one per sample; throws for an interpolation without samples. */
function instances(template: string): string[] {
  const expressions = [...template.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
  if (expressions.length === 0) return [template];
  const missing = expressions.filter((e) => !samples[e]);
  if (missing.length) throw new Error(`no samples for \${${missing.join("}, ${")}} in "${template}"`);
  const n = Math.max(...expressions.map((e) => samples[e].length));
  return Array.from({ length: n }, (_, i) =>
    template.replace(/\$\{([^}]*)\}/g, (_, e: string) => samples[e][i % samples[e].length]),
  );
}

/** The messages of a source (as `messagesIn` finds them) that come out of `inEnglish` unchanged. */
function untranslatedIn(source: string): string[] {
  return messagesIn(source)
    .filter((text) => !(text in notMessages))
    .flatMap(instances)
    .filter((message) => {
      const translated = inEnglish(message);
      return translated === message || translated.trim() === "";
    });
}

describe("coverage of the dictionary", () => {
  it("has English for every message the server can send", () => {
    const untranslated: string[] = [];
    const found = new Set<string>();
    for (const file of sourceFiles()) {
      const name = relative(root, file).replaceAll("\\", "/");
      if (notClientFiles.has(name)) continue;
      const source = readFileSync(file, "utf8");
      for (const text of messagesIn(source)) found.add(text);
      untranslated.push(...untranslatedIn(source).map((message) => `${name}: ${message}`));
    }
    // A broken scan would find (almost) nothing and so pass everything.
    expect(found.size).toBeGreaterThan(100);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template as the source spells it
    for (const known of ["Log eerst in.", "Overleg niet gevonden.", "Hoogstens ${maxNote} tekens."])
      expect(found.has(known)).toBe(true);
    // An exclusion whose text is gone goes too.
    for (const text of Object.keys(notMessages)) expect(found.has(text)).toBe(true);
    expect(untranslated).toEqual([]);
  });

  it("would catch a new message without English, wherever a message goes and whatever its form", () => {
    const source = `
      // errors.conflict("Alleen een commentaar.")
      throw errors.notFound("Overleg niet gevonden.");
      throw errors.conflict(
        "Nieuw conflict",
      );
      throw new AppError("forbidden", "Nieuw verbod");
      z.string().min(2, "nieuwe ondergrens").max(200, "Hoogstens 200 tekens.").regex(/^x$/, "Nieuwe vorm");
      ctx.addIssue({ code: "custom", message: \`Nieuw \${max} probleem.\` });
      return cond ? "Een nieuwe zin." : \`Hoogstens \${max}.\`;
      logger.warn({ id }, "request failed");
    `;
    expect(untranslatedIn(source)).toEqual([
      "Nieuw conflict",
      "Nieuw verbod",
      "nieuwe ondergrens",
      "Nieuwe vorm",
      "Nieuw 1 probleem.",
      "Nieuw 12 probleem.",
      "Een nieuwe zin.",
    ]);
  });
});
