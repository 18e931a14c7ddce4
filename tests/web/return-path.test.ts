/** The page the login sends someone back to: only a path of this app, never another site. */
import { describe, expect, it } from "vitest";
import { loginHref, safeReturnPath, withReturn } from "../../web/src/lib/return-path";

describe("the page to go back to after logging in", () => {
  it("takes a path of this app, with its query", () => {
    expect(safeReturnPath("/acties")).toBe("/acties");
    expect(safeReturnPath("/casussen/abc-123?sectie=signals")).toBe("/casussen/abc-123?sectie=signals");
    expect(safeReturnPath("/casussen/%C3%A9%C3%A9n")).toBe("/casussen/%C3%A9%C3%A9n");
  });

  it("refuses anything that could leave the app or loop back to the login", () => {
    for (const bad of [
      "//evil.example/x",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "acties",
      "/acties\nSet-Cookie",
      "/acties met spatie",
      "/inloggen",
      "/inloggen?terug=%2Facties",
      "/inloggen/code",
      `/${"a".repeat(2000)}`,
      undefined,
      ["/acties"],
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBeUndefined();
    }
  });

  it("names the page in the login address, except where a login lands anyway", () => {
    expect(loginHref("/casussen/abc?sectie=risk")).toBe("/inloggen?terug=%2Fcasussen%2Fabc%3Fsectie%3Drisk");
    expect(loginHref("/")).toBe("/inloggen");
    expect(loginHref("/casussen")).toBe("/inloggen");
    expect(loginHref("//evil.example")).toBe("/inloggen");
    expect(withReturn("/inloggen/code", "/acties/7")).toBe("/inloggen/code?terug=%2Facties%2F7");
    expect(withReturn("/inloggen/code", "https://evil.example")).toBe("/inloggen/code");
  });
});
