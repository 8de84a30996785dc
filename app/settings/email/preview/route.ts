import { plainPage } from "@/lib/plain-page";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { previewMyDigest, type DigestPreview } from "@/server/digest/preview";
import { tooManySearchesPage } from "@/server/search/limit";
import { getRequestUser } from "@/server/session";

export const dynamic = "force-dynamic";

/** My next digest as it would be sent now, the email's own HTML in the browser; nothing is recorded. */
export const GET = handleErrors(async (request: Request) => {
  const user = await getRequestUser(request);
  if (!user) {
    return new Response(null, {
      status: 303,
      headers: { Location: `/signin?callbackUrl=${encodeURIComponent("/settings/email/preview")}`, "Cache-Control": "no-store" },
    });
  }
  let preview: DigestPreview;
  try {
    preview = await previewMyDigest(user, clientIp(request.headers));
  } catch (error) {
    return tooManySearchesPage(error, { href: "/settings/email", label: "Email settings" });
  }
  if (preview.kind === "empty") {
    return plainPage({
      status: 200,
      title: "Nothing new for your next digest",
      message: `Your ${preview.frequency} digest would hold nothing you have not been sent: it is skipped until new papers are listed.`,
      links: [{ href: "/settings/email", label: "Email settings" }],
    });
  }
  return new Response(preview.message.html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" },
  });
});
