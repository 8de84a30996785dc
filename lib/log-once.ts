const seen = globalThis as unknown as { __dailyPapersWarned?: Set<string> };

/** Silent fallbacks hide real faults, and repeated ones flood the log. */
export function warnOnce(key: string, message: string, error?: unknown): void {
  const warned = (seen.__dailyPapersWarned ??= new Set());
  if (warned.has(key)) return;
  warned.add(key);
  const reason = error instanceof Error ? error.message : error === undefined ? "" : String(error);
  console.warn(`[daily-papers] ${message}${reason ? `: ${reason}` : ""} (logged once per process)`);
}
