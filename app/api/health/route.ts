import { checkDatabase } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const db = await checkDatabase();
  return Response.json(
    { status: db.reachable ? "ok" : "unavailable", engine: db.engine, reachable: db.reachable },
    { status: db.reachable ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
