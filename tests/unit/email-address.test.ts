import { describe, expect, it } from "vitest";
import { mailboxKey } from "@/lib/email-address";

describe("mailboxKey", () => {
  it("counts every +tag of an address, in any case, as its one mailbox", () => {
    const keys = Array.from({ length: 8 }, (_, i) => mailboxKey(`inbox+${i + 1}@example.org`));
    expect(new Set([...keys, mailboxKey("Inbox@Example.ORG"), mailboxKey(" INBOX+Promo@example.org ")])).toEqual(
      new Set(["inbox@example.org"]),
    );
  });

  it("drops dots for Gmail only, and reads googlemail.com as gmail.com", () => {
    expect(mailboxKey("J.Doe+news@googlemail.com")).toBe("jdoe@gmail.com");
    expect(mailboxKey("j.d.o.e@gmail.com")).toBe("jdoe@gmail.com");
    expect(mailboxKey("j.doe@example.org")).toBe("j.doe@example.org");
  });

  it("keeps what has no base mailbox to fold into as it is, lower-cased", () => {
    expect(mailboxKey("+tag@example.org")).toBe("+tag@example.org");
    expect(mailboxKey("...@gmail.com")).toBe("...@gmail.com");
    expect(mailboxKey("No-At-Sign")).toBe("no-at-sign");
    // The last @ separates the domain (a quoted local part may hold one).
    expect(mailboxKey('"a@b"+x@Example.org')).toBe('"a@b"@example.org');
  });
});
