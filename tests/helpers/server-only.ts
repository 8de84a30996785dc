// Stands in for the `server-only` package in Vitest, which runs as the server does.
export {};
