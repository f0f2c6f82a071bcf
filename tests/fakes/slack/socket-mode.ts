import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";

/** Slack gives an app three seconds to acknowledge an envelope, as it does an HTTP request. */
export const ENVELOPE_LIFETIME_MS = 3_000;
/** How often the fake pings the app, as Slack's servers do; the client answers with pongs. */
const SERVER_PING_MS = 2_000;

/** What the app sent back for an envelope: its id, the response payload if any, and how long it took. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
  ms: number;
}

/** One WebSocket the app opened with a ticket from apps.connections.open. */
export interface SocketConnection {
  readonly socket: WebSocket;
  open: boolean;
  /** Pings the client sent (each answered with a pong by `ws` itself, as Slack answers them). */
  pings: number;
  /** Pongs the client sent back for the fake's own pings. */
  pongs: number;
}

type EnvelopeType = "slash_commands" | "events_api" | "interactive";

/**
 * Slack's Socket Mode, speaking the wire protocol @slack/socket-mode expects: apps.connections.open
 * (app-level token only) hands out a `ws://…/link/?ticket=…` URL whose ticket is good once; the
 * WebSocket opens with `hello`, carries envelopes the app must ack by `envelope_id` within
 * ENVELOPE_LIFETIME_MS, pings both ways, and `disconnect` asks the app to reconnect.
 * FakeSlack serves it on the Web API's port, as upgrades of its HTTP server.
 */
export class FakeSocketMode {
  /** Every connection the app opened, oldest first. */
  readonly connections: SocketConnection[] = [];
  readonly acks: SocketAck[] = [];
  /** Messages from the app that ack no envelope in flight (unknown, late or repeated ids). */
  readonly strays: unknown[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly inFlight = new Map<string, { sentAt: number; resolve: (ack: SocketAck) => void }>();
  /** Checks from `connected`, each true once it has resolved. */
  private waiters: Array<() => boolean> = [];
  private closed = false;

  constructor(readonly appId = "A0FAKEAPP") {}

  /** apps.connections.open: Slack refuses bot and user tokens here; the URL's ticket opens one connection. */
  open(token: string | undefined, baseUrl: string): Record<string, unknown> {
    if (!token) return { ok: false, error: "not_authed" };
    if (!token.startsWith("xapp-")) return { ok: false, error: "not_allowed_token_type" };
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { ok: true, url: `${baseUrl.replace(/^http/, "ws")}/link/?ticket=${ticket}&app_id=${this.appId}` };
  }

  /** An HTTP upgrade: a WebSocket for an unused ticket, 401 for anything else. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? "/", "http://fake");
    // After close(), a client still reconnecting must not get a socket that would hold the server open.
    if (this.closed) return void socket.destroy();
    if (url.pathname !== "/link/" || !this.tickets.delete(url.searchParams.get("ticket") ?? "")) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  /** Resolves once the app has opened `count` connections in all and the latest is still open. */
  connected(count = 1, timeoutMs = 10_000): Promise<SocketConnection> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.connections.length} of ${count} Socket Mode connections within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        const latest = this.connections[count - 1];
        if (this.connections.length !== count || !latest?.open) return false;
        clearTimeout(timer);
        resolve(latest);
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }

  /** A slash command's fields (as the HTTP form has them) in a `slash_commands` envelope. */
  slashCommand(payload: Record<string, string>): Promise<SocketAck> {
    return this.send("slash_commands", payload, { accepts_response_payload: true });
  }

  /** An event_callback body in an `events_api` envelope; a redelivery has `retryAttempt` 1 or more. */
  event(payload: Record<string, unknown>, retryAttempt = 0): Promise<SocketAck> {
    return this.send("events_api", payload, { retry_attempt: retryAttempt, retry_reason: retryAttempt ? "timeout" : "", accepts_response_payload: false });
  }

  /** A block_actions or view_submission payload in an `interactive` envelope. */
  interactive(payload: Record<string, unknown>): Promise<SocketAck> {
    return this.send("interactive", payload, { accepts_response_payload: true });
  }

  /** Slack's notice that it is recycling the connection; the app is expected to reconnect. */
  disconnect(reason = "refresh_requested"): void {
    this.current().socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-fake-1" } }));
  }

  close(): void {
    this.closed = true;
    for (const connection of this.connections) connection.socket.terminate();
    this.server.close();
  }

  /** Sends an envelope on the open connection; resolves with the app's ack, rejects when its lifetime runs out. */
  private send(type: EnvelopeType, payload: Record<string, unknown>, extra: Record<string, unknown>): Promise<SocketAck> {
    const connection = this.current();
    const envelopeId = randomUUID();
    const acked = new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.inFlight.delete(envelopeId);
        reject(new Error(`${type} envelope ${envelopeId} was not acknowledged within ${ENVELOPE_LIFETIME_MS} ms`));
      }, ENVELOPE_LIFETIME_MS);
      this.inFlight.set(envelopeId, { sentAt: performance.now(), resolve: (ack) => (clearTimeout(timer), resolve(ack)) });
    });
    connection.socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, ...extra }));
    return acked;
  }

  private current(): SocketConnection {
    const connection = this.connections.at(-1);
    if (!connection?.open) throw new Error("the app has no open Socket Mode connection");
    return connection;
  }

  private accept(socket: WebSocket): void {
    const connection: SocketConnection = { socket, open: true, pings: 0, pongs: 0 };
    this.connections.push(connection);
    const heartbeat = setInterval(() => socket.ping(), SERVER_PING_MS);
    socket.on("ping", () => connection.pings++);
    socket.on("pong", () => connection.pongs++);
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("close", () => {
      connection.open = false;
      clearInterval(heartbeat);
    });
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.connections.filter((each) => each.open).length,
        debug_info: { host: "applink-fake-1", build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.waiters = this.waiters.filter((check) => !check());
  }

  /** An ack is `{ envelope_id, payload? }`; anything else the app sends is kept as a stray. */
  private receive(data: RawData, isBinary: boolean): void {
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(String(data));
    } catch {
      message = undefined;
    }
    const id = typeof message === "object" && message !== null && "envelope_id" in message ? String(message.envelope_id) : undefined;
    const pending = id ? this.inFlight.get(id) : undefined;
    if (!id || !pending) return void this.strays.push(message ?? String(data));
    this.inFlight.delete(id);
    const payload = (message as { payload?: Record<string, unknown> }).payload;
    const ack: SocketAck = { envelope_id: id, ...(payload ? { payload } : {}), ms: performance.now() - pending.sentAt };
    this.acks.push(ack);
    pending.resolve(ack);
  }
}
