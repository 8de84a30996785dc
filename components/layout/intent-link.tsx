"use client";

import Link from "next/link";
import { useState } from "react";

/**
 * A link that prefetches its page once someone shows they may follow it (pointer over it, focus,
 * a touch), not when it scrolls into view: a list of fifty papers would otherwise fetch each
 * paper's page as the reader scrolls past, on their data plan and the server's CPU, and the
 * first ones while the list is still hydrating (the pattern of Next.js's prefetching guide).
 */
export function IntentLink({ href, children }: { href: string; children: React.ReactNode }) {
  const [intent, setIntent] = useState(false);
  const show = () => setIntent(true);
  return (
    <Link href={href} prefetch={intent ? null : false} onMouseEnter={show} onFocus={show} onTouchStart={show}>
      {children}
    </Link>
  );
}
