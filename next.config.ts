import path from "node:path";
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { CLIENT_ADDRESS_HEADER } from "./lib/client-address";
import { PAPER_PAGE_ID_PATTERN } from "./lib/paper-id";
import { appSecurityHeaders } from "./lib/response-headers";

const paperPage = `/papers/:id(${PAPER_PAGE_ID_PATTERN})`;
const markdownRoute = "/papers/:id/markdown";

export default function nextConfig(phase: string): NextConfig {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
    serverExternalPackages: ["@electric-sql/pglite"],
    poweredByHeader: false,
    // Next.js hashes every page it sends for an ETag, in JavaScript, a character at a time: 21% of
    // a process's CPU serving a cached day page of 220 papers (a profile, bench/RESULTS.md). Pages
    // are cached by Cache-Control (the app, nginx, a CDN); feeds send their own SHA-256 ETags.
    generateEtags: false,
    // Cached pages may be served stale for at most an hour while they refresh (Cache-Control's
    // stale-while-revalidate); the default of a year is far too long for a daily listing.
    expireTime: 3600,
    // Rendered pages are kept in memory only, and 404s not at all (lib/page-cache-handler.mjs).
    cacheHandler: path.resolve("lib/page-cache-handler.mjs"),
    cacheMaxMemorySize: 256 * 1024 * 1024,
    // Next.js answers 413 past this for the sign-in actions' bodies, and keeps a copy of every body proxy.ts sees up to it.
    experimental: { serverActions: { bodySizeLimit: "32kb" }, proxyClientMaxBodySize: "32kb" },
    async headers() {
      // `npm start`'s edge (server/http/edge.ts) sets the same headers from its own environment and marks
      // each request with the client's address, so these stand aside there (docs/caching.md).
      const headers = appSecurityHeaders({ dev });
      return [
        {
          source: "/:path*",
          missing: [{ type: "header" as const, key: CLIENT_ADDRESS_HEADER }],
          headers: Object.entries(headers).map(([key, value]) => ({ key, value })),
        },
      ];
    },
    async rewrites() {
      // Dynamic routes keep these cacheable (ISR) without querying the database at build time.
      return {
        // Pages of listings (`?p=2`) are paths of their own, so each is cached like the first.
        beforeFiles: [
          ...["org", "author", "category"].map((segment) => ({
            source: `/papers/${segment}/:name`,
            has: [{ type: "query" as const, key: "p", value: "(?<p>\\d{1,3})" }],
            destination: `/papers/${segment}/:name/page/:p`,
          })),
          ...["date", "week", "month"].map((segment) => ({
            source: `/papers/${segment}/:${segment}`,
            has: [{ type: "query" as const, key: "p", value: "(?<p>\\d{1,2})" }],
            destination: `/papers/${segment}/:${segment}/page/:p`,
          })),
          // A paper as Markdown: `/papers/{id}.md`, or its page asked for as text/markdown.
          { source: "/papers/:id([^/]+)\\.md", destination: markdownRoute },
          { source: paperPage, has: [{ type: "header" as const, key: "accept", value: ".*text/markdown.*" }], destination: markdownRoute },
        ],
        afterFiles: [
          { source: "/", destination: "/papers/date/latest" },
          { source: "/papers/trending", destination: "/papers/list/trending" },
          { source: "/sitemap.xml", destination: "/sitemaps/index.xml" },
        ],
        fallback: [],
      };
    },
  };
}
