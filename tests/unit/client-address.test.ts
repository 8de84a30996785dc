import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress } from "@/lib/client-address";

describe("clientAddress", () => {
  it("is the socket's peer with no trusted proxy, whatever X-Forwarded-For says", () => {
    expect(clientAddress({ socket: "::ffff:127.0.0.2", forwardedFor: "198.51.100.7", trustedProxies: 0 })).toBe("127.0.0.2");
    expect(clientAddress({ socket: "203.0.113.9", forwardedFor: null, trustedProxies: 0 })).toBe("203.0.113.9");
  });

  it("reads X-Forwarded-For from the right, one entry per trusted proxy", () => {
    // The client forged the first entry; nginx appended the real one.
    expect(clientAddress({ socket: "10.0.0.2", forwardedFor: "1.2.3.4, 198.51.100.7", trustedProxies: 1 })).toBe("198.51.100.7");
    // A CDN, then nginx: the CDN appended the client, nginx appended the CDN.
    expect(clientAddress({ socket: "10.0.0.2", forwardedFor: "1.2.3.4, 198.51.100.7, 192.0.2.50", trustedProxies: 2 })).toBe(
      "198.51.100.7",
    );
    // Fewer entries than proxies: the leftmost there is.
    expect(clientAddress({ socket: "10.0.0.2", forwardedFor: "198.51.100.7", trustedProxies: 3 })).toBe("198.51.100.7");
    expect(clientAddress({ socket: "10.0.0.2", forwardedFor: "", trustedProxies: 1 })).toBe("10.0.0.2");
  });

  it("normalizes addresses and refuses junk", () => {
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("198.51.100.7:5000")).toBe("198.51.100.7");
    expect(normalizeAddress("evil<script>")).toBe("unknown");
    expect(normalizeAddress(undefined)).toBe("unknown");
  });
});
