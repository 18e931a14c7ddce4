/**
 * The UI speaks Dutch first and English on request: every text has both, with the same
 * placeholders, so switching the language never shows a key or loses a name or number.
 */
import { describe, expect, it } from "vitest";
import { access } from "../../web/src/i18n/messages/access";
import { cases } from "../../web/src/i18n/messages/cases";
import { common } from "../../web/src/i18n/messages/common";
import { conference } from "../../web/src/i18n/messages/conference";
import { followup } from "../../web/src/i18n/messages/followup";
import { plan } from "../../web/src/i18n/messages/plan";

const bundles = { access, cases, common, conference, followup, plan };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the web app's texts", () => {
  for (const [name, bundle] of Object.entries(bundles)) {
    it(`has English for every Dutch text of ${name}, and the other way round, with the same placeholders`, () => {
      const nl = bundle.nl as Record<string, string>;
      const en = bundle.en as Record<string, string>;
      expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
      for (const key of Object.keys(nl)) {
        expect([key, placeholders(en[key] ?? "")]).toEqual([key, placeholders(nl[key])]);
        expect([key, en[key].trim().length > 0]).toEqual([key, true]);
      }
    });
  }
});
