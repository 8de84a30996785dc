"use server";

import "server-only";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "./auth";
import { safeCallbackUrl } from "@/lib/callback-url";
import { emailSignInProblem } from "@/server/email/sign-in";

const emailSchema = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

export async function requestSignInLink(formData: FormData): Promise<void> {
  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
  const email = emailSchema.safeParse(formData.get("email"));
  const back = `callbackUrl=${encodeURIComponent(callbackUrl)}`;
  if (emailSignInProblem()) redirect(`/signin?${back}`);
  if (!email.success) redirect(`/signin?error=InvalidEmail&${back}`);
  try {
    await signIn("nodemailer", { email: email.data, redirectTo: callbackUrl });
  } catch (error) {
    // signIn ends by throwing Next's redirect, which must propagate; only Auth.js errors are ours.
    if (error instanceof AuthError) redirect(`/signin?error=${encodeURIComponent(error.type)}&${back}`);
    throw error;
  }
}

export async function signInWithProvider(formData: FormData): Promise<void> {
  const provider = z.enum(["github", "huggingface"]).safeParse(formData.get("provider"));
  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
  if (!provider.success) redirect("/signin");
  await signIn(provider.data, { redirectTo: callbackUrl });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
