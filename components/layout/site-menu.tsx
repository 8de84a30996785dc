"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const LINKS = [
  { href: "/", label: "Latest" },
  { href: "/papers/trending", label: "Trending" },
  { href: "/papers/following", label: "Following" },
];

const linkClass = "inline-flex min-h-11 items-center rounded-md px-3 hover:bg-gray-100 dark:hover:bg-gray-800";

export function SiteMenu() {
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  const shownFor = useRef(pathname);
  // A link followed inside the menu closes it; opening it before the page has hydrated does not.
  useEffect(() => {
    if (shownFor.current === pathname) return;
    shownFor.current = pathname;
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <>
      <div className="hidden items-center sm:flex">
        {LINKS.map((l) => (
          <Link key={l.href} href={l.href} className={linkClass}>
            {l.label}
          </Link>
        ))}
      </div>
      <details ref={menu} className="relative sm:hidden">
        <summary className={`${linkClass} cursor-pointer list-none font-medium`}>Menu</summary>
        <div className="absolute right-0 z-30 mt-1 flex w-44 flex-col rounded-lg border border-gray-200 bg-white p-1 shadow-lg dark:border-gray-700 dark:bg-gray-900">
          {LINKS.map((l) => (
            <Link key={l.href} href={l.href} className={linkClass}>
              {l.label}
            </Link>
          ))}
        </div>
      </details>
    </>
  );
}
