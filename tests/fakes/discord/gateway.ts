/** The WebSocket gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME, and each session's numbered dispatches. */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes, type GatewayReadyDispatchData } from "discord.js";
import { WebSocketServer, type WebSocket } from "ws";
import { z } from "zod";
import type { FakeGuild } from "./guild.js";
import { forIntents, PRIVILEGED_INTENTS, subscribed } from "./intents.js";
import { safeJson } from "./multipart.js";

/** One gateway connection as the client opened it. */
export interface GatewayConnection {
  /** `/gateway` for a fresh session, `/resume` when discord.js followed `resume_gateway_url`. */
  path: string;
  query: Record<string, string>;
}

export type GatewayPayload = { op: number; d: unknown };

interface DispatchFrame {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  sequence: number;
  /** Every dispatch of the session in order: RESUME replays from it, `replay` re-sends from it. */
  log: DispatchFrame[];
  socket: WebSocket | undefined;
}

export interface GatewaySettings {
  token: string;
  applicationId: string;
  guild: FakeGuild;
  /** Sent in HELLO. */
  heartbeatIntervalMs: number;
  /** Privileged intents enabled in the Developer Portal. */
  privilegedIntents: number;
  /** Where READY tells clients to resume. */
  resumeUrl: () => string;
  /** Called with every dispatch as it is numbered (the interactions ledger learns tokens from it). */
  onDispatch: (event: string, data: unknown) => void;
}

const ClientPayloadSchema = z.looseObject({ op: z.number().int(), d: z.unknown() });
const IdentifySchema = z.looseObject({
  token: z.string(),
  intents: z.number().int(),
  properties: z.looseObject({ os: z.string(), browser: z.string(), device: z.string() }),
  compress: z.boolean().optional(),
  shard: z.tuple([z.number().int(), z.number().int()]).optional(),
});
const ResumeSchema = z.looseObject({ token: z.string(), session_id: z.string(), seq: z.number().int().nullable() });

export class FakeGateway {
  /** Every gateway payload clients sent (IDENTIFY, heartbeats, RESUME, …), in order. */
  readonly received: GatewayPayload[] = [];
  readonly connections: GatewayConnection[] = [];
  /** Things a client did that this fake does not speak (compression, another encoding); a test should fail on them. */
  readonly protocolErrors: string[] = [];

  private server: WebSocketServer | undefined;
  private readonly sessions = new Map<string, Session>();
  private session: Session | undefined;
  private waiters: Array<{ predicate: (payload: GatewayPayload) => boolean; resolve: (payload: GatewayPayload) => void }> = [];

  constructor(private readonly settings: GatewaySettings) {}

  listen(): void {
    this.server = new WebSocketServer({ noServer: true });
  }

  async close(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The live session's intents; undefined before a client has logged in. */
  get intents(): number | undefined {
    return this.session?.intents;
  }

  /** Resolves with the first payload from a client (already received or still to come) that `predicate` accepts. */
  waitFor(predicate: (payload: GatewayPayload) => boolean, timeoutMs: number): Promise<GatewayPayload> {
    const seen = this.received.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching gateway payload within ${timeoutMs} ms; ops: ${this.received.map((payload) => payload.op).join(", ") || "none"}; protocol errors: ${this.protocolErrors.join("; ") || "none"}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: (payload) => (clearTimeout(timer), resolve(payload)) });
    });
  }

  /** Sends a dispatch on the live session with the next sequence number; null when the session's intents filter it out. */
  async dispatch(event: string, data: unknown): Promise<number | null> {
    const session = this.session;
    if (!session) throw new Error("FakeDiscord has no gateway session: log a client in first");
    if (!subscribed(session.intents, event)) return null;
    return this.send(session, event, forIntents(session.intents, this.settings.guild.bot.id, event, data));
  }

  /** Sends an earlier dispatch again, byte for byte (same sequence number), as a resumed session replays it. */
  async replay(sequence: number): Promise<void> {
    const session = this.session;
    const frame = session?.log.find((entry) => entry.s === sequence);
    if (!session?.socket || !frame) throw new Error(`FakeDiscord cannot replay sequence ${sequence}: no such dispatch on a live session`);
    await sendFrame(session.socket, frame);
  }

  /** Drops the live connection with `code`; discord.js then resumes at `resume_gateway_url`. */
  disconnect(code: number): void {
    this.session?.socket?.close(code, "FakeDiscord dropped the connection");
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if ((url.pathname !== "/gateway" && url.pathname !== "/resume") || !this.server) {
      socket.destroy();
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.open(ws, url));
  }

  private open(socket: WebSocket, url: URL): void {
    const query = Object.fromEntries(url.searchParams);
    this.connections.push({ path: url.pathname, query });
    let session: Session | undefined;
    const refuse = (code: number, problem: string) => {
      this.protocolErrors.push(problem);
      socket.close(code, problem.slice(0, 120));
    };
    socket.on("close", () => {
      if (session?.socket === socket) session.socket = undefined;
    });
    if (query.v !== "10") return refuse(GatewayCloseCodes.InvalidAPIVersion, `gateway version ${String(query.v)} requested; the fake speaks v10`);
    if (query.encoding !== "json") return refuse(GatewayCloseCodes.DecodeError, `encoding ${String(query.encoding)} requested; the fake speaks json`);
    if (query.compress) return refuse(GatewayCloseCodes.DecodeError, `compress=${query.compress} requested (is zlib-sync installed?); the fake sends plain JSON`);
    void sendFrame(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.settings.heartbeatIntervalMs, _trace: ['["gateway-prd-fake-1",{"micros":0.0}]'] }, s: null, t: null });
    socket.on("message", (raw, isBinary) => {
      if (isBinary) return refuse(GatewayCloseCodes.DecodeError, "a binary frame arrived; the fake speaks json text frames");
      const parsed = ClientPayloadSchema.safeParse(safeJson(String(raw)));
      if (!parsed.success) return refuse(GatewayCloseCodes.DecodeError, `an undecodable payload arrived: ${String(raw).slice(0, 80)}`);
      const payload = { op: parsed.data.op, d: parsed.data.d };
      this.received.push(payload);
      this.waiters = this.waiters.filter((waiter) => (waiter.predicate(payload) ? (waiter.resolve(payload), false) : true));
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          void sendFrame(socket, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
          return;
        case GatewayOpcodes.Identify: {
          if (session) return refuse(GatewayCloseCodes.AlreadyAuthenticated, "IDENTIFY sent twice on one connection");
          const identify = IdentifySchema.safeParse(payload.d);
          if (!identify.success) return refuse(GatewayCloseCodes.DecodeError, "IDENTIFY without token, intents and properties");
          if (identify.data.token !== this.settings.token) return socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
          if (identify.data.compress) return refuse(GatewayCloseCodes.DecodeError, "IDENTIFY asked for compressed payloads; the fake sends plain JSON");
          if (identify.data.intents & PRIVILEGED_INTENTS & ~this.settings.privilegedIntents) return socket.close(GatewayCloseCodes.DisallowedIntents, "Disallowed intent(s).");
          session = { id: randomBytes(16).toString("hex"), intents: identify.data.intents, sequence: 0, log: [], socket };
          this.sessions.set(session.id, session);
          this.session = session;
          void this.welcome(session, identify.data.shard ?? [0, 1]);
          return;
        }
        case GatewayOpcodes.Resume: {
          const resume = ResumeSchema.safeParse(payload.d);
          const known = resume.success && resume.data.token === this.settings.token ? this.sessions.get(resume.data.session_id) : undefined;
          if (!resume.success || !known) {
            void sendFrame(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
            return;
          }
          session = known;
          session.socket = socket;
          this.session = session;
          void this.resumed(session, resume.data.seq ?? 0);
          return;
        }
        default:
          if (!session) return socket.close(GatewayCloseCodes.NotAuthenticated, "Not authenticated.");
      }
    });
  }

  /** READY, then GUILD_CREATE for the guild READY listed as unavailable: discord.js waits for it before `clientReady`. */
  private async welcome(session: Session, shard: [number, number]): Promise<void> {
    const { guild, applicationId } = this.settings;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...guild.bot, verified: true, mfa_enabled: false, email: null },
      guilds: [{ id: guild.id, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: this.settings.resumeUrl(),
      shard,
      // GATEWAY_MESSAGE_CONTENT_LIMITED: what the portal's toggle sets for a bot in under 100 servers.
      application: { id: applicationId, flags: 1 << 19, flags_new: String(1 << 19) },
    };
    await this.send(session, GatewayDispatchEvents.Ready, ready);
    await this.send(session, GatewayDispatchEvents.GuildCreate, guild.gatewayPayload());
  }

  private async resumed(session: Session, sequence: number): Promise<void> {
    const socket = session.socket;
    if (!socket) return;
    for (const frame of session.log.filter((entry) => entry.s > sequence)) await sendFrame(socket, frame);
    await this.send(session, GatewayDispatchEvents.Resumed, { _trace: ['["gateway-prd-fake-1",{"micros":0.0}]'] });
  }

  private async send(session: Session, event: string, data: unknown): Promise<number> {
    session.sequence += 1;
    const frame: DispatchFrame = { op: GatewayOpcodes.Dispatch, t: event, s: session.sequence, d: data };
    session.log.push(frame);
    this.settings.onDispatch(event, data);
    if (session.socket) await sendFrame(session.socket, frame);
    return frame.s;
  }
}

function sendFrame(socket: WebSocket, frame: { op: number; d: unknown; s: number | null; t: string | null }): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState !== socket.OPEN) return resolve();
    // A write that fails means the client went away; the session keeps the frame for a RESUME.
    socket.send(JSON.stringify(frame), () => resolve());
  });
}
