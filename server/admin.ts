import "server-only";
import { auth } from "./auth";
import { env, runtime } from "@/lib/env";

export function isAdminEmail(email: string | null | undefined): boolean {
  return Boolean(email) && env.ADMIN_EMAILS.includes(email!.toLowerCase());
}

/** Admin pages: open under `next dev`; elsewhere only to the signed-in accounts in ADMIN_EMAILS. */
export async function canSeeAdminPages(): Promise<boolean> {
  if (runtime.devServer) return true;
  if (env.ADMIN_EMAILS.length === 0) return false;
  const session = await auth();
  return isAdminEmail(session?.user?.email);
}
