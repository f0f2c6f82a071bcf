import { z } from "zod";

/** One seed node of a Redis Cluster, as ioredis's Cluster takes it. */
export interface ClusterNodeAddress {
  host: string;
  port: number;
}

const NODE = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:,[\]]+)):(\d{1,5})$/;

/**
 * `host:port,host:port,…` (IPv6 as `[::1]:7000`): some or all nodes of the cluster; the client
 * learns the rest from them. Any entry that is not `host:port` fails with the entry named.
 */
export const ClusterNodesSchema = z.string().transform((text, context): ClusterNodeAddress[] => {
  const entries = text.split(",").map((entry) => entry.trim());
  const nodes: ClusterNodeAddress[] = [];
  for (const entry of entries) {
    const match = NODE.exec(entry);
    const port = Number(match?.[3]);
    const host = match?.[1] ?? match?.[2];
    if (!match || !host || port < 1 || port > 65_535) {
      context.addIssue({ code: "custom", message: `"${entry}" is not host:port; expected a list such as redis-1:6379,redis-2:6379` });
      return z.NEVER;
    }
    nodes.push({ host, port });
  }
  return nodes;
});

/** "true"/"false" (also 1/0, yes/no), for switches such as REDIS_TLS. */
export const SwitchSchema = z
  .string()
  .transform((text) => text.trim().toLowerCase())
  .pipe(z.enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" }))
  .transform((text) => text === "true" || text === "1" || text === "yes");
