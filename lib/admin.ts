import { auth } from "@/lib/auth";
import { env } from "@/lib/env";

export function isAdminEmail(email: string | null | undefined): boolean {
  return Boolean(email) && env.ADMIN_EMAILS.includes(email!.toLowerCase());
}

/** Admin pages: open in development; elsewhere only to the signed-in accounts in ADMIN_EMAILS. */
export async function canSeeAdminPages(): Promise<boolean> {
  if (env.NODE_ENV === "development") return true;
  if (env.ADMIN_EMAILS.length === 0) return false;
  const session = await auth();
  return isAdminEmail(session?.user?.email);
}
