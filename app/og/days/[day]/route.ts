import { routeParam } from "@/lib/decode";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { dayShareImage } from "@/server/share-images/serve";

// A day's share image (`/og/days/YYYY-MM-DD.png`), drawn once per face and kept in the store
// (server/share-images/serve.ts). A day that is not a date, or has no papers, is a 404, never stored.
export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ day: string }> }) =>
  dayShareImage({ file: routeParam((await params).day), client: clientIp(request.headers), request }),
);
