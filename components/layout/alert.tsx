import type { ReactNode } from "react";

/** A message about what the visitor asked for that could not be done as asked. */
export function Alert({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <p
      role="alert"
      className={`rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200 ${className}`}
    >
      {children}
    </p>
  );
}
