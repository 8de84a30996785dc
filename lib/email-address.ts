/**
 * Which mailbox an address delivers to, for limits counted per address: `inbox+1@example.org`
 * and `Inbox+2@example.org` fill one inbox, so they count as one. Mail still goes to the address
 * as written; this is only the key.
 */

/** Domains where dots in the local part are ignored (`j.doe` = `jdoe`), mapped to one domain. */
const DOTLESS_DOMAINS: Record<string, string> = { "gmail.com": "gmail.com", "googlemail.com": "gmail.com" };

/**
 * Lower-cased, with a `+tag` dropped from the local part (the sub-addressing most providers
 * deliver to the same inbox), and for Gmail (gmail.com, googlemail.com) dots dropped too and
 * googlemail.com read as gmail.com.
 */
export function mailboxKey(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at <= 0) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf("+");
  // `+tag@…` with nothing before the plus has no base mailbox to fold into.
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS[domain];
  if (dotless) {
    domain = dotless;
    local = local.replaceAll(".", "") || local;
  }
  return `${local}@${domain}`;
}
