/**
 * CSV for spreadsheets: cells quoted where needed, and a cell that a spreadsheet would run as a
 * formula (starting with =, +, -, @, a tab or a return) defused with a leading quote, so a name
 * typed into the app (an organisation called "=HYPERLINK(…)") cannot act in the reader's Excel.
 */

/** One cell, for a file separated by commas or semicolons. */
function csvCell(value: unknown, separator: "," | ";"): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(separator) || /["\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows as CSV lines (CRLF, one after the last too). */
export function csvLines(rows: readonly (readonly unknown[])[], separator: "," | ";"): string {
  return `${rows.map((r) => r.map((v) => csvCell(v, separator)).join(separator)).join("\r\n")}\r\n`;
}
