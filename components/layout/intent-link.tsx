"use client";

import Link from "next/link";
import { useState } from "react";

// Prefetches once someone may follow it (pointer, focus, touch), not on scrolling into view: a list of fifty
// papers would fetch every page on the reader's data plan and the server's CPU, some while still hydrating.
export function IntentLink({ href, children }: { href: string; children: React.ReactNode }) {
  const [intent, setIntent] = useState(false);
  const show = () => setIntent(true);
  return (
    <Link href={href} prefetch={intent ? null : false} onMouseEnter={show} onFocus={show} onTouchStart={show}>
      {children}
    </Link>
  );
}
