import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Cached pages may be served stale for at most an hour while they refresh (Cache-Control's
  // stale-while-revalidate); the default of a year is far too long for a daily listing.
  expireTime: 3600,
  async rewrites() {
    // Rendering these through dynamic routes keeps them cacheable (ISR) without querying the
    // database at build time: `/` shows the latest day, `/papers/trending` the trending list.
    return [
      { source: "/", destination: "/papers/date/latest" },
      { source: "/papers/trending", destination: "/papers/list/trending" },
    ];
  },
};

export default nextConfig;
