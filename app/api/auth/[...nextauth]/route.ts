import { authRouteHandlers } from "@/server/auth";

export const { GET, POST } = authRouteHandlers;
