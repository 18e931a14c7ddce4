import { describe, expect, it } from "vitest";
import { findWarnings, warningRules } from "../../../shared/warnings";

const ids = (text: string) => findWarnings(text).map((w) => w.ruleId);

describe("intimate-terror warnings", () => {
  it.each([
    ["Wij adviseren mediation tussen beide ouders.", "mediation"],
    ["Mediatie over de omgangsregeling.", "mediation"],
    ["Aanmelden voor scheidingsmediation", "mediation"],
    ["Een familie-mediator inschakelen", "mediation"],
    ["MEDIATION", "mediation"],
    ["Echtscheidingsbemiddeling starten", "mediation"],
    ["Bemiddeling tussen vader en moeder regelen", "mediation"],
    ["bemiddelen tussen moeder en haar ex-partner", "mediation"],
    ["Een bemiddelingsgesprek plannen", "mediation"],
    ["bemiddeling tussen de pleger en het slachtoffer", "mediation"],
    ["Relatietherapie na de zomer", "relationship-therapy"],
    ["relatiotherapie bij de GGZ", "relationship-therapy"],
    ["Partnerrelatietherapie wordt aangeraden", "relationship-therapy"],
    ["relatie-therapie", "relationship-therapy"],
    ["relatie therapie", "relationship-therapy"],
    ["Een relatietherapeut zoeken", "relationship-therapy"],
    ["couples therapy", "relationship-therapy"],
    ["Een gezamenlijk gesprek plannen", "joint-conversation"],
    ["gezamenlijke gesprekken met het gezin", "joint-conversation"],
    ["Moeder gaat samen in gesprek met de pleger", "joint-conversation"],
    ["samen in gesprek met vader", "joint-conversation"],
    ["samen met de partner om tafel", "joint-conversation"],
    ["Een gesprek met beide ouders samen", "joint-conversation"],
    ["Moeder doet aangifte zonder veiligheidsplan", "report-without-safety"],
    ["aangifte doen zonder afspraken over haar veiligheid", "report-without-safety"],
    ["Advies: aangifte laten doen zonder eerst veiligheidsafspraken te maken", "report-without-safety"],
    ["file a police report without a safety plan", "report-without-safety"],
    // A negation elsewhere in the text does not cancel the advice.
    ["Geen mediation, wel relatietherapie", "relationship-therapy"],
    ["Geen mediation maar relatietherapie", "relationship-therapy"],
    ["Moeder wil geen contact; advies: mediation", "mediation"],
    ["Mediation niet voor de zomer, daarna wel", "mediation"],
  ])("warns for %j", (text, ruleId) => {
    expect(ids(text)).toContain(ruleId);
  });

  it.each([
    "Directe veiligheid: immediate safety first",
    "Gesprek met moeder apart, zonder vader",
    "Moeder doet aangifte; het veiligheidsplan is vooraf gemaakt",
    "Geen relatie met therapie",
    "Intermediair van de gemeente",
    "Traumatherapie voor moeder",
    "Overleg met Veilig Thuis",
    "Woningbemiddeling voor moeder aanvragen",
    "Bemiddeling bij het zoeken naar werk",
    // Advice against it is no advice to do it.
    "Geen mediation.",
    "Wij raden geen relatietherapie aan.",
    "Niet samen in gesprek met vader",
    "Mediation is bij intiem terreur gecontra-indiceerd",
    "Relatietherapie wordt uitdrukkelijk afgeraden.",
    "No couples therapy",
    "Zorg dat moeder niet alleen naar het gesprek met vader hoeft; een gezamenlijk gesprek voelt voor haar als een val.",
    "Geen aangifte zonder veiligheidsplan",
  ])("stays silent for %j", (text) => {
    expect(ids(text)).toEqual([]);
  });

  it("reports each phrase with its place, the text as written and both languages", () => {
    const text = "Plan: eerst Mediation, daarna Relatietherapie.";
    const found = findWarnings(text);
    expect(found.map((w) => [w.ruleId, w.match, w.index])).toEqual([
      ["mediation", "Mediation", text.indexOf("Mediation")],
      ["relationship-therapy", "Relatietherapie", text.indexOf("Relatietherapie")],
    ]);
    expect(found[0].message.nl).toMatch(/mediation/i);
    expect(found[0].message.en).toMatch(/mediation/i);
  });

  it("respects letter boundaries around accented words", () => {
    expect(ids("xmediationé")).toEqual([]);
    expect(ids("(mediation)")).toEqual(["mediation"]);
  });

  it("weighs each phrase in its own clause", () => {
    expect(ids("Geen mediation, wel relatietherapie")).toEqual(["relationship-therapy"]);
    expect(ids("Mediation is afgeraden; samen in gesprek met vader ook niet")).toEqual([]);
    expect(ids("Mediation is afgeraden. Wel een gezamenlijk gesprek plannen")).toEqual([
      "joint-conversation",
    ]);
  });

  it("has unique rule ids", () => {
    const all = warningRules.map((r) => r.id);
    expect(new Set(all).size).toBe(all.length);
  });
});
