import { env, publicOrigin, runtime } from "./env";
import { securityHeaders } from "./security-headers";

export function appSecurityHeaders({ dev = runtime.devServer }: { dev?: boolean } = {}): Record<string, string> {
  const formTargets = [
    ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET ? ["https://github.com"] : []),
    ...(env.AUTH_HUGGINGFACE_ID && env.AUTH_HUGGINGFACE_SECRET ? ["https://huggingface.co"] : []),
  ];
  return securityHeaders({ publicOrigin, dev, formTargets });
}

export const PUBLIC_DYNAMIC_CACHE = "public, s-maxage=60, stale-while-revalidate=300";

export function withVary(value: string, token: string): string {
  const tokens = value
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return tokens.some((t) => t.toLowerCase() === token.toLowerCase() || t === "*") ? tokens.join(", ") : [token, ...tokens].join(", ");
}
