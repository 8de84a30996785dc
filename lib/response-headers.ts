import { env, publicOrigin, runtime } from "./env";
import { securityHeaders } from "./security-headers";

/** This deployment's security headers: its public URL, and the OAuth providers forms post to. */
export function appSecurityHeaders({ dev = runtime.devServer }: { dev?: boolean } = {}): Record<string, string> {
  const formTargets = [
    ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET ? ["https://github.com"] : []),
    ...(env.AUTH_HUGGINGFACE_ID && env.AUTH_HUGGINGFACE_SECRET ? ["https://huggingface.co"] : []),
  ];
  return securityHeaders({ publicOrigin, dev, formTargets });
}
