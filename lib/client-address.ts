/** Each trusted proxy appends its peer, so the client is that many places from the right; entries further left are the client's invention. */
export function clientAddress({
  socket,
  forwardedFor,
  trustedProxies,
}: {
  socket: string | undefined;
  forwardedFor: string | null | undefined;
  trustedProxies: number;
}): string {
  const peer = normalizeAddress(socket);
  if (trustedProxies <= 0) return peer;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((entry) => normalizeAddress(entry))
    .filter((entry) => entry !== "unknown");
  // The nearest proxy is the socket's peer; the ones before it are in the header, right to left.
  return hops[hops.length - trustedProxies] ?? hops[0] ?? peer;
}

export function normalizeAddress(value: string | undefined): string {
  let address = (value ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.replace(/:\d+$/, "");
  address = address.replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/i, "").toLowerCase();
  return /^[0-9a-f.:]{2,45}$/.test(address) ? address : "unknown";
}

/** next.config.ts reads its presence as "the edge set the security headers already". */
export const CLIENT_ADDRESS_HEADER = "x-daily-papers-client";
