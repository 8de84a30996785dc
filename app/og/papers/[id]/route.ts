import { routeParam } from "@/lib/decode";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { paperShareImage } from "@/server/share-images/serve";

// Drawn once per face and kept in the store (server/share-images/serve.ts); a 404 is never stored.
export const GET = handleErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) =>
  paperShareImage({ file: routeParam((await params).id), client: clientIp(request.headers), request }),
);
