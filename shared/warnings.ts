/**
 * Intimate-terror warnings: phrases that advise what is contra-indicated when a case is flagged
 * `intiem_terreur` (mediation, relationship therapy, joint conversations with the pleger, a police
 * report without a safety arrangement). A rule list, so the field can add phrases without code.
 * The caller decides whether the case is flagged; this module only finds the phrases.
 */

/** One rule: an id, a pattern (case-insensitive, matched with word boundaries) and its message. */
export interface WarningRule {
  id: string;
  /** Regular-expression source; letters-aware boundaries are added around it. */
  pattern: string;
  message: { nl: string; en: string };
}

/** One phrase found in a text. */
export interface Warning {
  ruleId: string;
  /** The text as written. */
  match: string;
  /** Offset of the match in the text (UTF-16 code units). */
  index: number;
  message: { nl: string; en: string };
}

// Whitespace and hyphen variants inside a phrase ("relatie-therapie", "relatie therapie").
const sep = "[\\s\\-\\u00ad]*";
const ws = "\\s+";
// The pleger and the words plans use for him or her.
const pleger =
  "(?:de\\s+|het\\s+|haar\\s+|zijn\\s+|hun\\s+)?(?:pleger|plegers|vader|partner|ex-?partner|ex|echtgenoot|man|vriend|stiefvader|moeder|ouders)";
// Either side of a mediation ("bemiddeling tussen vader en moeder").
const party =
  "(?:(?:de|het|haar|zijn|hun)\\s+)?(?:vader|moeder|ouders|partners?|ex-?partner|ex|pleger|slachtoffer|man|vrouw|echtgeno(?:ot|te)|vriend|vriendin)";
const conversation = "(?:in\\s+gesprek|een\\s+gesprek|gesprekken|om\\s+tafel|praten|spreken)";
const arrangement =
  "(?:\\p{L}*veiligheids\\p{L}*|afspraken|\\p{L}*afspraken|beschermingsplan|bescherming|veiligheid|safety\\s+(?:plan|arrangements?|planning)|protection)";

/** The rules, in the order a reader would check them. */
export const warningRules: readonly WarningRule[] = [
  {
    id: "mediation",
    // mediation, mediatie, mediator, scheidingsmediation, familie-mediatie; not "immediate".
    pattern: `\\p{L}*-?mediat(?:ion|ions|ie|ies|ietraject|iegesprek(?:ken)?|or|oren|ors)|(?:\\p{L}*scheidings|ouder|partner)${sep}bemiddeling|bemiddel(?:ing|en)${ws}tussen${ws}(?:de${ws})?(?:ouders|partners|${party}${ws}en${ws}${party})|bemiddelingsgesprek(?:ken)?`,
    message: {
      nl: "Bij intiem terreur is mediation gecontra-indiceerd: het machtsverschil maakt gelijkwaardig onderhandelen onmogelijk en brengt het slachtoffer in gevaar.",
      en: "In intimate terror, mediation is contra-indicated: the power imbalance rules out negotiating as equals and endangers the victim.",
    },
  },
  {
    id: "relationship-therapy",
    // relatietherapie, relatiotherapie, partnerrelatietherapie, partnertherapie, relatietherapeut.
    pattern: `\\p{L}*(?:relati[eo]|partner|paar|koppel|huwelijks|echtpaar)${sep}therap(?:ie|ieën|ieen|eut|euten)|(?:couples?|relationship|marital|marriage)${ws}(?:therapy|counsell?ing)`,
    message: {
      nl: "Bij intiem terreur is relatietherapie gecontra-indiceerd: gezamenlijke therapie kan de pleger toegang en controle geven.",
      en: "In intimate terror, relationship therapy is contra-indicated: joint therapy can give the perpetrator access and control.",
    },
  },
  {
    id: "joint-conversation",
    // gezamenlijk gesprek, gezamenlijke gesprekken, samen in gesprek met de pleger/vader/partner.
    pattern: [
      `gezamenlijke?${ws}(?:\\p{L}*gesprek(?:ken)?|sessies?|(?:gezins|ouder)gesprek(?:ken)?)`,
      `samen${ws}${conversation}${ws}met${ws}${pleger}`,
      `samen${ws}met${ws}${pleger}${ws}${conversation}`,
      `(?:gesprek|gesprekken)${ws}met${ws}(?:beide|allebei${ws}de)${ws}(?:ouders|partners)${ws}samen`,
      `(?:beide|allebei${ws}de)${ws}(?:ouders|partners)${ws}samen${ws}(?:in${ws}gesprek|uitnodigen|spreken|om${ws}tafel)`,
      `joint${ws}(?:conversations?|sessions?|meetings?|talks?)${ws}with${ws}(?:the${ws})?(?:perpetrator|father|partner)`,
    ].join("|"),
    message: {
      nl: "Bij intiem terreur zijn gezamenlijke gesprekken met de pleger gecontra-indiceerd: spreek slachtoffer en pleger apart.",
      en: "In intimate terror, joint conversations with the perpetrator are contra-indicated: speak to victim and perpetrator separately.",
    },
  },
  {
    id: "report-without-safety",
    // aangifte (laten) doen zonder veiligheidsplan / afspraken / veiligheidsafspraken.
    pattern: [
      `aangifte(?:${ws}(?!zonder)\\p{L}+){0,3}${ws}zonder${ws}(?:een${ws}|de${ws}|eerst${ws}|goede${ws}|concrete${ws})*${arrangement}`,
      `(?:report${ws}to${ws}the${ws}police|(?:file|make)${ws}a${ws}(?:police${ws})?report)${ws}without${ws}(?:a${ws}|any${ws})?${arrangement}`,
    ].join("|"),
    message: {
      nl: "Aangifte doen zonder veiligheidsafspraken is gevaarlijk: maak eerst een veiligheidsplan voor het slachtoffer en de kinderen.",
      en: "Filing a police report without a safety arrangement is dangerous: make a safety plan for the victim and children first.",
    },
  },
];

// JavaScript's \b is ASCII-only; these boundaries know letters such as ë and é.
const compiled = warningRules.map((rule) => ({
  rule,
  regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${rule.pattern})(?![\\p{L}\\p{N}])`, "giu"),
}));

// Negation: plans often say what NOT to do ("geen mediation", "mediation is gecontra-indiceerd").
// Only the clause around a phrase counts: punctuation and "maar"/"wel" start a new thought, so
// "geen mediation, wel relatietherapie" still warns about the therapy.
const clauseBreak = /[.;:!?,()\n]|(?<![\p{L}\p{N}])(?:maar|wel|but|however)(?![\p{L}\p{N}])/giu;
const negatedBefore =
  /(?<![\p{L}\p{N}])(?:geen|niet|nooit|zonder|tegen|no|not|never|without|against)(?![\p{L}\p{N}])/iu;
const negatedAfter =
  /^\s*(?:(?:\p{L}+\s+){0,2}?(?:ook\s+niet|evenmin|either)|(?:\p{L}+\s+){0,3}?(?:is|zijn|wordt|worden|lijkt|lijken|blijft|voelt|would\s+be|is|are)\s+(?:\p{L}+\s+){0,3}?(?:niet|geen|nooit|afgeraden|ontraden|gecontra-?indiceerd|gecontraïndiceerd|onveilig|gevaarlijk|uitgesloten|ongeschikt|als\s+een\s+val|not|contra-?indicated|unsafe|dangerous))(?![\p{L}\p{N}])/iu;

/** The clause before a match (its last five words) and after it (up to the next break). */
function isNegated(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 200), start);
  let cut = 0;
  for (const m of before.matchAll(clauseBreak)) cut = (m.index ?? 0) + m[0].length;
  const words = before.slice(cut).trim().split(/\s+/).slice(-5).join(" ");
  if (negatedBefore.test(words)) return true;
  const after = text.slice(end, end + 200);
  clauseBreak.lastIndex = 0;
  const stop = after.search(clauseBreak);
  return negatedAfter.test(stop >= 0 ? after.slice(0, stop) : after);
}

/** Every phrase in the text that a rule matches and the text does not reject, in order of appearance. */
export function findWarnings(text: string): Warning[] {
  const found: Warning[] = [];
  for (const { rule, regex } of compiled) {
    regex.lastIndex = 0;
    for (const m of text.matchAll(regex)) {
      const index = m.index ?? 0;
      if (isNegated(text, index, index + m[0].length)) continue;
      found.push({ ruleId: rule.id, match: m[0], index, message: rule.message });
    }
  }
  return found.sort((a, b) => a.index - b.index || a.ruleId.localeCompare(b.ruleId));
}
