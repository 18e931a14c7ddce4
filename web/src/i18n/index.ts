/** Dutch first, English second: one dictionary per feature, merged here. */
import { createSignal } from "solid-js";
import { access } from "./messages/access";
import { cases } from "./messages/cases";
import { common } from "./messages/common";
import { conference } from "./messages/conference";
import { followup } from "./messages/followup";
import { plan } from "./messages/plan";

/** Every feature's messages; add a feature's file here. */
const bundles = [common, cases, access, plan, conference, followup];

/** Any key of the messages (of one bundle or another), so a key named in code is checked by tsc. */
export type MessageKey = (typeof bundles)[number] extends infer B
  ? B extends { nl: infer N }
    ? keyof N & string
    : never
  : never;

export type Locale = "nl" | "en";
const dictionaries: Record<Locale, Record<string, string>> = { nl: {}, en: {} };
for (const b of bundles) {
  Object.assign(dictionaries.nl, b.nl);
  Object.assign(dictionaries.en, b.en);
}

const stored = typeof localStorage !== "undefined" ? localStorage.getItem("locale") : null;
const [locale, setLocaleSignal] = createSignal<Locale>(stored === "en" ? "en" : "nl");

/** The current UI language. */
export { locale };

/** Switches the UI language and remembers it. */
export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  localStorage.setItem("locale", next);
  document.documentElement.lang = next;
}

/** Translates a key, filling `{name}` placeholders; falls back to Dutch, then to the key. */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = dictionaries[locale()][key] ?? dictionaries.nl[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`)) : text;
}

/** Formats a date (and optionally time) for the current language, in Amsterdam time. */
export function formatDate(value: string | Date, withTime = false, month: "long" | "short" = "long"): string {
  const d = typeof value === "string" ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
  return new Intl.DateTimeFormat(locale() === "nl" ? "nl-NL" : "en-GB", {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month,
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
  }).format(d);
}

/** Formats a whole number for the current language: 1.234 in Dutch, 1,234 in English. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale() === "nl" ? "nl-NL" : "en-GB").format(value);
}
