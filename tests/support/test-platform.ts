import { createServer, type Server } from "node:http";
import type { Intake, IntakeOutcome } from "../../src/ports/intake.js";
import type { OutgoingMessage } from "../../src/core/messages/message.js";
import type { Poster, PostOptions } from "../../src/ports/poster.js";
import type { ChatPlatform } from "../../src/app/platform.js";

/** Posts to a ChatRecorder over HTTP, as an adapter posts through its platform's REST API. */
export class HttpPoster implements Poster {
  constructor(private readonly url: string) {}

  async post(threadKey: string, message: OutgoingMessage, options: PostOptions = {}): Promise<void> {
    const response = await fetch(this.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ threadKey, message, options }) });
    if (!response.ok) throw new Error(`chat API answered ${response.status}`);
  }
}

/**
 * The test chat platform (thread keys `test:…`): what Slack and Discord adapters do, minus the
 * platform. Tests hand events to `intake` directly or, across processes, POST them to
 * /message, /action or /start on `port`; the answer is the intake's outcome.
 */
export class TestPlatform implements ChatPlatform {
  readonly name = "test";
  intake: Intake | undefined;
  private server: Server | undefined;

  constructor(
    readonly poster: Poster,
    private readonly port?: number,
  ) {}

  async start(intake: Intake): Promise<void> {
    this.intake = intake;
    if (this.port === undefined) return;
    this.server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      let outcome: IntakeOutcome;
      try {
        if (request.url === "/message") outcome = await intake.message(body as Parameters<Intake["message"]>[0]);
        else if (request.url === "/action") outcome = await intake.action(body as Parameters<Intake["action"]>[0]);
        else if (request.url === "/start") outcome = await intake.start(body as Parameters<Intake["start"]>[0]);
        else {
          response.writeHead(404).end();
          return;
        }
      } catch (error) {
        response.writeHead(500).end(error instanceof Error ? error.message : String(error));
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ outcome }));
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }
}
