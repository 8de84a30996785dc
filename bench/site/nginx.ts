/** Debian's nginx in the foreground: the static ceiling for the day page's bytes, and the app behind docs/nginx-proxy-cache.conf. */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const PROXY_CONFIG = path.join(process.cwd(), "docs", "nginx-proxy-cache.conf");

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`${PROXY_CONFIG} no longer contains "${from}"`);
  return text.replace(from, to);
}

export function proxyCacheConfig({ port, appPort, cacheDir }: { port: number; appPort: number; cacheDir: string }): string {
  let text = readFileSync(PROXY_CONFIG, "utf8");
  text = replaceOnce(text, "/var/cache/nginx/daily-papers", cacheDir);
  text = replaceOnce(text, "server 127.0.0.1:3000;", `server 127.0.0.1:${appPort};`);
  text = replaceOnce(text, "listen 80;", `listen 127.0.0.1:${port};`);
  return text;
}

export interface Nginx {
  process: ChildProcess;
  stop: () => Promise<void>;
}

export async function startNginx({
  dir,
  staticPort,
  proxyPort,
  appPort,
}: {
  dir: string;
  staticPort: number;
  proxyPort: number;
  appPort: number;
}): Promise<Nginx> {
  // Workers run as nobody when nginx starts as root: they must be able to read and write here.
  chmodSync(dir, 0o755);
  const cacheDir = path.join(dir, "cache");
  for (const sub of ["cache", "temp", "static"]) mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o777 });
  chmodSync(cacheDir, 0o777);
  chmodSync(path.join(dir, "temp"), 0o777);
  writeFileSync(path.join(dir, "proxy-cache.conf"), proxyCacheConfig({ port: proxyPort, appPort, cacheDir }));
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, "temp", name)};`;
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `daemon off;
worker_processes auto;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n    ")}
    server {
        listen 127.0.0.1:${staticPort};
        root ${path.join(dir, "static")};
    }
    include ${path.join(dir, "proxy-cache.conf")};
}
`,
  );
  const child = spawn("/usr/sbin/nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 50; i += 1) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}; see ${path.join(dir, "error.log")}`);
    try {
      await fetch(`http://127.0.0.1:${staticPort}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    process: child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
    },
  };
}
