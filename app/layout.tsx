import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { publicOrigin } from "@/lib/env";
import { AccountMenu } from "@/components/layout/account-menu";
import { FollowOnReturn } from "@/components/follows/follow-button";
import { HeaderSearch } from "@/components/search/header-search";
import { LogoIcon } from "@/components/layout/icons";
import { Providers } from "@/components/layout/providers";
import { SiteMenu } from "@/components/layout/site-menu";
import "./globals.css";

export const metadata: Metadata = {
  // Canonical and social URLs are absolute only when the public address is known.
  metadataBase: publicOrigin ? new URL(publicOrigin) : undefined,
  title: { default: "Daily Papers", template: "%s · Daily Papers" },
  description: "The machine learning papers the community is reading today, ranked by upvotes.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#030712" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans break-words text-gray-900 antialiased dark:bg-gray-950 dark:text-gray-100">
        <Providers>
          <a href="#main" className="skip-link">
            Skip to content
          </a>
          <header className="border-b border-gray-200 bg-white/90 backdrop-blur dark:border-gray-800 dark:bg-gray-950/90">
            {/* One row at every width: on a phone the search folds into an icon and the account into its initial. */}
            <div className="relative mx-auto flex max-w-5xl items-center gap-1 px-4 py-2 sm:gap-3">
              <Link href="/" className="mr-auto flex min-h-11 shrink-0 items-center gap-2 text-base font-bold tracking-tight sm:text-lg">
                <LogoIcon className="h-6 w-6 text-brand-600 dark:text-brand-500" />
                {/* Under 360 px the icon alone leaves the row room for the search, menu and account. */}
                <span className="max-[360px]:sr-only">Daily Papers</span>
              </Link>
              <HeaderSearch className="sm:max-w-xs sm:flex-1" />
              <nav aria-label="Main" className="flex shrink-0 items-center gap-1 text-sm">
                <SiteMenu />
                <AccountMenu />
              </nav>
            </div>
          </header>
          <main id="main" className="mx-auto max-w-5xl px-4 py-4 sm:py-6">
            {children}
          </main>
          <footer className="mx-auto max-w-5xl border-t border-gray-200 px-4 py-6 text-sm text-gray-600 dark:border-gray-800 dark:text-gray-400">
            <p>
              Daily Papers: open, self-hostable, and ranked by the community. Paper metadata from arXiv (CC0) and the Daily Papers listings.
            </p>
          </footer>
          <FollowOnReturn />
        </Providers>
      </body>
    </html>
  );
}
