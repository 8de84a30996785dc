import type { NextRequest } from "next/server";
import { plainPage } from "@/lib/plain-page";
import { confirmWithToken } from "@/server/subscriptions";

export const dynamic = "force-dynamic";

/**
 * POST /subscribe/confirm?token=… (proxy.ts sends it here): the confirmation page's button. It
 * confirms once, then goes back to the page, which says how the subscription stands.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const token = request.nextUrl.searchParams.get("token");
  const state = await confirmWithToken(token);
  if (state.kind === "invalid") {
    return plainPage({
      status: 400,
      title: "This confirmation link is not valid",
      message: "It was changed or cut short, so nothing was confirmed. Subscribe again to get a new link.",
      links: [{ href: "/subscribe", label: "Subscribe" }],
    });
  }
  return new Response(null, {
    status: 303,
    headers: { Location: `/subscribe/confirm?${new URLSearchParams({ token: token ?? "" })}`, "Cache-Control": "no-store" },
  });
}
