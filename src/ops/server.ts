import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface OpsServerOptions {
  port: number;
  registry: Registry;
  /** True when the process can do its work (Redis answers, not shutting down). */
  ready(): Promise<boolean>;
  host?: string;
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `GET /healthz`: the process is up (a liveness probe restarts it otherwise). `GET /readyz`: Redis
 * answers and the process is not draining (a readiness probe takes it out of rotation otherwise).
 * `GET /metrics`: Prometheus text format.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const send = (status: number, body: string, type = "text/plain; charset=utf-8") => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(body);
    };
    if (request.method !== "GET" && request.method !== "HEAD") return send(405, "method not allowed\n");
    if (path === "/healthz") return send(200, "ok\n");
    if (path === "/readyz") {
      void options.ready().then(
        (ready) => send(ready ? 200 : 503, ready ? "ready\n" : "not ready\n"),
        () => send(503, "not ready\n"),
      );
      return;
    }
    if (path === "/metrics") {
      void options.registry.metrics().then(
        (text) => send(200, text, options.registry.contentType),
        (error: unknown) => send(500, `metrics failed: ${error instanceof Error ? error.message : String(error)}\n`),
      );
      return;
    }
    send(404, "not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
