import { describe, expect, it } from "vitest";
import { refusalText } from "../../web/src/features/conference/session";

describe("why a conference screen was closed, in words", () => {
  it("says it for every code the server closes a conference with, never the bare code", () => {
    // server/conference/index.ts sends these with `conference:closed`.
    for (const code of ["access_changed", "session_ended"]) {
      const text = refusalText({ code, message: code });
      expect(text, code).not.toContain(code);
      expect(text, code).toMatch(/toegang|sessie/);
    }
  });
});
