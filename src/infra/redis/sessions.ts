import type { RedisClient } from "./client.js";
import type { Session } from "../../domain/session.js";
import { decodeSession, encodeSession } from "../../domain/session-codec.js";
import { storage, UnreadableSessionError } from "../../domain/storage-errors.js";
import { CURRENT_FIELD, type KeySpace } from "./keys.js";
import { LockLostError } from "../../ports/lock.js";
import type { QueuedReply, TurnFence, TurnStore } from "../../ports/turns.js";
import { COMMIT_TURN, READ_CURRENT } from "./session-scripts.js";
import type { ReplicaAcks } from "./script.js";

export interface RedisStoreOptions {
  keys: KeySpace;
  /** Sessions expire this long after their thread's last save (SESSION_TTL_DAYS). */
  ttlMs: number;
  /** Most interviews kept in one candidate's history index. */
  historyLimit?: number;
  /** Replicas that must hold a turn before its reply is delivered. @defaultValue none */
  acks?: ReplicaAcks | undefined;
}

/**
 * Sessions in Redis. Each thread has one hash holding its interviews by id and which one is
 * current, so a thread can host a second interview while the first's summary is still being
 * written. Reads are validated and upgraded (src/domain/session-codec.ts); every save renews the TTL.
 */
export class RedisSessionStore implements TurnStore {
  private readonly keys: KeySpace;
  private readonly ttlMs: number;
  private readonly historyLimit: number;
  private readonly acks: ReplicaAcks | undefined;

  constructor(
    private readonly redis: RedisClient,
    options: RedisStoreOptions,
  ) {
    this.keys = options.keys;
    this.ttlMs = options.ttlMs;
    this.historyLimit = options.historyLimit ?? 200;
    this.acks = options.acks;
  }

  async get(threadKey: string): Promise<Session | null> {
    const raw = await storage(() => READ_CURRENT.run(this.redis, [this.keys.interviews(threadKey)], []));
    return typeof raw === "string" ? decodeSession(raw) : null;
  }

  async save(session: Session): Promise<void> {
    const key = this.keys.interviews(session.threadKey);
    await storage(() =>
      Promise.all([
        this.redis.multi().hset(key, session.id, encodeSession(session), CURRENT_FIELD, session.id).pexpire(key, this.ttlMs).exec(),
        this.index(session),
      ]),
    );
  }

  async commit(threadKey: string, session: Session | null, fence: TurnFence, reply: QueuedReply | null): Promise<string | undefined> {
    const keys = [this.keys.interviews(threadKey), this.keys.lock(threadKey), this.keys.inbox(threadKey), this.keys.placeholder(threadKey), this.keys.outbox(threadKey)];
    const args = [fence.lease.token, fence.consumed, this.ttlMs, session?.id ?? "", session ? encodeSession(session) : "", reply?.id ?? "", reply?.messages ?? ""];
    const [replaces] = await storage(() => Promise.all([COMMIT_TURN.run(this.redis, keys, args, this.acks), session ? this.index(session) : undefined]));
    if (typeof replaces !== "string") throw new LockLostError(threadKey);
    return replaces || undefined;
  }

  async getInterview(threadKey: string, interviewId: string): Promise<Session | null> {
    const raw = await storage(() => this.redis.hget(this.keys.interviews(threadKey), interviewId));
    return raw === null ? null : decodeSession(raw);
  }

  async listForCandidate(candidateId: string, limit = 20): Promise<Session[]> {
    const members = await storage(() => this.redis.zrevrange(this.keys.candidate(candidateId), 0, limit - 1));
    const refs = members.map(parseRef).filter((ref) => ref !== null);
    // One HGET each, not a pipeline: the interviews live in different threads' slots (see archive.ts).
    const results = await storage(() => Promise.all(refs.map((ref) => this.redis.hget(this.keys.interviews(ref.threadKey), ref.id))));
    const sessions: Session[] = [];
    for (const raw of results) {
      if (raw === null) continue;
      try {
        sessions.push(decodeSession(raw));
      } catch (unreadable) {
        // History skips what it cannot read; the thread itself reports it when the candidate returns.
        if (!(unreadable instanceof UnreadableSessionError)) throw unreadable;
      }
    }
    return sessions;
  }

  async setAside(threadKey: string): Promise<void> {
    await storage(() => this.redis.hdel(this.keys.interviews(threadKey), CURRENT_FIELD));
  }

  /** Remaining lifetime of a thread's sessions in ms (-2 when gone): what operators check against SESSION_TTL_DAYS. */
  async ttl(threadKey: string): Promise<number> {
    return storage(() => this.redis.pttl(this.keys.interviews(threadKey)));
  }

  private async index(session: Session): Promise<void> {
    const key = this.keys.candidate(session.candidate.id);
    await this.redis
      .multi()
      .zadd(key, session.startedAt, JSON.stringify([session.threadKey, session.id]))
      .zremrangebyrank(key, 0, -this.historyLimit - 1)
      .pexpire(key, this.ttlMs)
      .exec();
  }
}

function parseRef(member: string): { threadKey: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(member);
    if (Array.isArray(value) && typeof value[0] === "string" && typeof value[1] === "string") return { threadKey: value[0], id: value[1] };
  } catch {
    // An entry written by something else: not ours to read.
  }
  return null;
}
