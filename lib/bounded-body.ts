/** The stream is cancelled as soon as it passes `maxBytes`, declared or chunked: null then. */
export async function readBounded(message: Request | Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const body = message.body;
  if (Number(message.headers.get("content-length") ?? 0) > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return null;
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
