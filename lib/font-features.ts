/**
 * Switches OpenType features off in a font file (TrueType or CFF): each named feature's records in
 * the GPOS or GSUB feature list get their tag upper-cased, a tag no shaper asks for. Returns a copy;
 * throws on a file that is not a font with those tables.
 */
export function withoutFeatures(font: Uint8Array, off: { GPOS?: string[]; GSUB?: string[] }): Uint8Array {
  const out = new Uint8Array(font);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const tag = (at: number) => String.fromCharCode(out[at]!, out[at + 1]!, out[at + 2]!, out[at + 3]!);
  const tables = new Map<string, number>();
  for (let i = 0, n = view.getUint16(4); i < n; i++) tables.set(tag(12 + 16 * i), view.getUint32(12 + 16 * i + 8));
  for (const [table, features] of Object.entries(off)) {
    const start = tables.get(table);
    if (start === undefined) throw new Error(`the font has no ${table} table`);
    // The GPOS and GSUB headers both hold the feature list's offset at byte 6.
    const list = start + view.getUint16(start + 6);
    for (let i = 0, n = view.getUint16(list); i < n; i++) {
      const record = list + 2 + 6 * i;
      if (features.includes(tag(record))) out.set(new TextEncoder().encode(tag(record).toUpperCase()), record);
    }
  }
  return out;
}
