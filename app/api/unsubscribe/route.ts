import type { NextRequest } from "next/server";
import { handleErrors } from "@/lib/errors";
import { plainPage } from "@/lib/plain-page";
import { readTextBounded } from "@/lib/request";
import { unsubscribeWithToken } from "@/server/subscriptions";

export const dynamic = "force-dynamic";

const MAX_FORM_BYTES = 2048;

/**
 * POST /unsubscribe?token=… (proxy.ts sends it here). A mail client's one-click request (RFC 8058:
 * the body `List-Unsubscribe=One-Click`) is answered at once, with no sign-in and no redirect; the
 * unsubscribe page's own button is sent back to that page, which then says it is done. A token
 * that is not ours changes nothing and gets a 400.
 */
export const POST = handleErrors(async (request: NextRequest): Promise<Response> => {
  const token = request.nextUrl.searchParams.get("token");
  // The one-click body is 26 bytes; a long one is refused unread.
  const body = await readTextBounded(request, MAX_FORM_BYTES, "unsubscribe");
  const oneClick = new URLSearchParams(body).get("List-Unsubscribe") === "One-Click";
  const state = await unsubscribeWithToken(token);
  if (state.kind === "invalid") {
    return plainPage({
      status: 400,
      title: "This unsubscribe link is not valid",
      message:
        "It was changed or cut short, so nothing was changed. Use the link at the bottom of the latest digest, or sign in and manage the digest in your settings.",
      links: [{ href: "/settings/email", label: "Email settings" }],
    });
  }
  if (state.kind === "gone") {
    return plainPage({
      status: 404,
      title: "No such subscription",
      message: "This subscription no longer exists: nothing more will be sent to it.",
    });
  }
  if (oneClick) {
    return plainPage({
      status: 200,
      title: "You are unsubscribed",
      message: `No more digests will be sent to ${state.subscription.email}.`,
    });
  }
  return new Response(null, {
    status: 303,
    headers: { Location: `/unsubscribe?${new URLSearchParams({ token: token ?? "" })}`, "Cache-Control": "no-store" },
  });
});
