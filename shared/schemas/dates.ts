/** Dates and instants in input: existing ones, in years the database and people can use. */
import { z } from "zod";
import "./messages";

const firstYear = 1900;
const lastYear = 2999;
const yearsMessage = `Kies een datum tussen ${firstYear} en ${lastYear}.`;
const inYears = (year: number) => year >= firstYear && year <= lastYear;

/** A calendar date `YYYY-MM-DD` that exists (no 30 February), 1900–2999. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Gebruik de vorm JJJJ-MM-DD.")
  .refine((s) => {
    const d = new Date(`${s}T12:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "Deze datum bestaat niet.")
  .refine((s) => inYears(Number(s.slice(0, 4))), yearsMessage);

/** An ISO 8601 instant with its offset, 1900–2999. */
export const instantSchema = z.iso
  .datetime({ offset: true, message: "Gebruik een ISO-tijdstip." })
  .refine((s) => inYears(new Date(s).getUTCFullYear()), yearsMessage);
