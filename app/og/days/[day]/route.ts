import { routeParam } from "@/lib/decode";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { dayShareImage } from "@/server/share-images/serve";

// Drawn once per face and kept in the store (server/share-images/serve.ts); a 404 is never stored.
export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ day: string }> }) =>
  dayShareImage({ file: routeParam((await params).day), client: clientIp(request.headers), request }),
);
