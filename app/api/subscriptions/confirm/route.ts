import type { NextRequest } from "next/server";
import { plainPage } from "@/lib/plain-page";
import { confirmWithToken } from "@/server/subscriptions";

export const dynamic = "force-dynamic";

/** The confirmation page's button (proxy.ts sends its POST here): it confirms once, then goes back to the page. */
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
