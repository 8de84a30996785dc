import type { NextRequest } from "next/server";
import { handleErrors } from "@/lib/errors";
import { plainPage } from "@/lib/plain-page";
import { readTextBounded } from "@/lib/request";
import { unsubscribeWithToken } from "@/server/subscriptions";

export const dynamic = "force-dynamic";

const MAX_FORM_BYTES = 2048;

/** A mail client's one-click POST (RFC 8058) is answered at once, with no sign-in and no redirect; the page's own button goes back to the page. */
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
