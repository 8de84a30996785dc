// Stands in for the `server-only` package when scripts and benchmarks run the app's server code
// outside Next.js (tsconfig.scripts.json maps the import here): they are the server.
export {};
