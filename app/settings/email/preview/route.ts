import { plainPage } from "@/lib/plain-page";
import { handleErrors } from "@/lib/errors";
import { previewMyDigest } from "@/server/digest/preview";
import { getRequestUser } from "@/server/session";

export const dynamic = "force-dynamic";

/** My next digest as it would be sent now, the email's own HTML in the browser; nothing is recorded. */
export const GET = handleErrors(async (request: Request) => {
  const user = await getRequestUser(request);
  if (!user) {
    return new Response(null, { status: 303, headers: { Location: `/signin?callbackUrl=${encodeURIComponent("/settings/email/preview")}`, "Cache-Control": "no-store" } });
  }
  const preview = await previewMyDigest(user);
  if (preview.kind === "empty") {
    return plainPage({
      status: 200,
      title: "Nothing new for your next digest",
      message: `Your ${preview.frequency} digest would hold nothing you have not been sent: it is skipped until new papers are listed.`,
      links: [{ href: "/settings/email", label: "Email settings" }],
    });
  }
  return new Response(preview.message.html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
});
