/**
 * Plain Dutch for the problems zod finds by itself (a text too long, a value not in the list), so
 * that a field error never reaches a user as "Too big: expected string to have <=200 characters".
 * A schema's own message ("Vul een naam in.") still wins. Every schema module imports this file,
 * so whoever validates with them gets these messages.
 */
import { z } from "zod";

type Issue = z.core.$ZodRawIssue;

const count = (n: number | bigint, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The Dutch message of one of zod's own problems; undefined leaves zod's. */
export function dutchIssueMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "too_big": {
      const max = issue.maximum as number | bigint;
      if (issue.origin === "string") return `Hoogstens ${count(max, "teken", "tekens")}.`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Hoogstens ${count(max, "keuze", "keuzes")}.`;
      return `Hoogstens ${max}.`;
    }
    case "too_small": {
      const min = issue.minimum as number | bigint;
      if (issue.origin === "string")
        return min === 1 ? "Vul dit veld in." : `Minimaal ${count(min, "teken", "tekens")}.`;
      if (issue.origin === "array" || issue.origin === "set") return `Kies er minimaal ${min}.`;
      return `Minstens ${min}.`;
    }
    case "invalid_type":
      return issue.input === undefined ? "Dit veld ontbreekt." : "Deze waarde heeft niet de goede vorm.";
    case "invalid_value":
      return "Kies een van de mogelijke waarden.";
    case "invalid_format":
      if (issue.format === "email") return "Vul een geldig e-mailadres in.";
      if (issue.format === "uuid" || issue.format === "guid") return "Ongeldige verwijzing.";
      if (issue.format === "date" || issue.format === "datetime") return "Ongeldige datum.";
      return "Deze waarde heeft niet de goede vorm.";
    case "unrecognized_keys":
      return `Onbekend veld: ${issue.keys.join(", ")}.`;
    case "not_multiple_of":
      return "Deze waarde heeft niet de goede vorm.";
    default:
      return "Deze waarde is ongeldig.";
  }
}

z.config({ customError: dutchIssueMessage });
