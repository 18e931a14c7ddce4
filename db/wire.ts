/**
 * The few PostgreSQL frontend messages the embedded client sends itself (protocol 3.0, "Message
 * Formats" in the PostgreSQL manual): a statement with binary parameters prepared, bound, executed
 * and synced in one buffer; and arrays in binary format for both drivers.
 */

const utf8 = new TextEncoder();

/** Type OIDs of the array elements used here. */
const oids = { bytea: 17, text: 25 } as const;

/** A message: type byte, length (itself included), body. */
function message(type: string, ...parts: Uint8Array[]): Uint8Array {
  const header = Buffer.alloc(5);
  header[0] = type.charCodeAt(0);
  header.writeInt32BE(4 + parts.reduce((n, p) => n + p.byteLength, 0), 1);
  return Buffer.concat([header, ...parts]);
}

function cString(s: string): Uint8Array {
  const bytes = utf8.encode(s);
  const out = new Uint8Array(bytes.byteLength + 1);
  out.set(bytes);
  return out;
}

function int16s(...values: number[]): Uint8Array {
  const out = new Uint8Array(2 * values.length);
  const view = new DataView(out.buffer);
  for (const [i, v] of values.entries()) view.setInt16(2 * i, v);
  return out;
}

/** Close (statement): forgets a prepared statement; closing one that does not exist is no error. */
export function closeStatement(name: string): Uint8Array {
  return message("C", new Uint8Array([0x53]), cString(name));
}

/** Parse: prepares `text` as statement `name` ("" the unnamed one), parameter types from the text. */
export function parse(name: string, text: string): Uint8Array {
  return message("P", cString(name), cString(text), int16s(0));
}

/**
 * Bind to the unnamed portal with every parameter in binary format, Execute it, Sync: one buffer,
 * written in place (this runs for every stored batch of edits).
 */
export function bindExecuteSync(statement: string, params: readonly Uint8Array[]): Uint8Array {
  const name = utf8.encode(statement);
  const bindLength =
    4 + 1 + name.byteLength + 1 + 4 + 2 + params.reduce((n, p) => n + 4 + p.byteLength, 0) + 2;
  const out = new Uint8Array(1 + bindLength + 10 + 5);
  const view = new DataView(out.buffer);
  out[0] = 0x42; // B
  view.setInt32(1, bindLength);
  let at = 6; // after the unnamed portal's terminating zero
  out.set(name, at);
  at += name.byteLength + 1;
  view.setInt16(at, 1); // one format code for all parameters:
  view.setInt16(at + 2, 1); // binary
  view.setInt16(at + 4, params.length);
  at += 6;
  for (const p of params) {
    view.setInt32(at, p.byteLength);
    out.set(p, at + 4);
    at += 4 + p.byteLength;
  }
  view.setInt16(at, 0); // result columns in the default (text) format
  at += 2;
  out[at] = 0x45; // E: unnamed portal, no row limit
  view.setInt32(at + 1, 9);
  at += 10;
  out[at] = 0x53; // S
  view.setInt32(at + 1, 4);
  return out;
}

/** A one-dimensional array without NULLs in PostgreSQL's binary format (`array_recv`). */
function binaryArray(elementOid: number, items: readonly Uint8Array[]): Uint8Array {
  const size = 20 + items.reduce((n, item) => n + 4 + item.byteLength, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setInt32(0, 1); // dimensions
  view.setInt32(4, 0); // no NULLs
  view.setInt32(8, elementOid);
  view.setInt32(12, items.length);
  view.setInt32(16, 1); // lower bound
  let at = 20;
  for (const item of items) {
    view.setInt32(at, item.byteLength);
    out.set(item, at + 4);
    at += 4 + item.byteLength;
  }
  return out;
}

/** A text value in binary format: its UTF-8 bytes (the database's encoding). */
export function binaryText(value: string): Uint8Array {
  return utf8.encode(value);
}

/** A text[] in binary format. */
export function binaryTextArray(items: readonly string[]): Uint8Array {
  return binaryArray(oids.text, items.map(binaryText));
}

/** A bytea[] in binary format: the bytes as they are. */
export function binaryByteaArray(items: readonly Uint8Array[]): Uint8Array {
  return binaryArray(oids.bytea, items);
}
