import { answerVote } from "@/server/api/upvote";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = async (request: Request, { params }: Context) => answerVote(request, (await params).id, true);
export const DELETE = async (request: Request, { params }: Context) => answerVote(request, (await params).id, false);
