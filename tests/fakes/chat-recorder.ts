import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { PostOptions } from "../../src/ports/poster.js";

/** One message a poster delivered, as a chat platform would have shown it. */
export interface Posted {
  threadKey: string;
  message: OutgoingMessage;
  options: PostOptions;
}

/**
 * A stand-in chat platform's REST API on 127.0.0.1: records every message posted to it, across
 * processes, and can refuse some (as a platform rejects a message) to exercise retries.
 */
export class ChatRecorder {
  readonly posts: Posted[] = [];
  /** Answer 500 to posts this returns true for. */
  refuse: (posted: Posted) => boolean = () => false;
  refused = 0;
  private server: Server | undefined;

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error("ChatRecorder is not started");
    return `http://127.0.0.1:${address.port}/post`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const posted = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Posted;
      if (this.refuse(posted)) {
        this.refused++;
        response.writeHead(500).end("refused");
        return;
      }
      this.posts.push(posted);
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  in(threadKey: string, kind?: OutgoingMessage["kind"]): Posted[] {
    return this.posts.filter((posted) => posted.threadKey === threadKey && (!kind || posted.message.kind === kind));
  }

  /** Resolves once `predicate` holds; rejects after `timeoutMs`. */
  async waitFor(predicate: (posts: Posted[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.posts)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for posts; have ${JSON.stringify(this.posts.map((posted) => [posted.threadKey, posted.message.kind]))}`);
      await sleep(25);
    }
  }
}
