// The fake Slack Web API in a process of its own, so its work does not sit on the event loop of
// the bot it serves. Prints one JSON line with its URLs; GET <controlUrl> reports what Slack shows.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeSlack, type SlackCall } from "../../tests/fakes/slack.js";
import { PLACEHOLDER_TEXT } from "../../adapters/slack/poster.js";

/** A message as the channel shows it now, and when it came to show that (posted, or edited into it). */
export interface ShownAt {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  at: number;
}

/** What `GET <controlUrl>` answers: every message shown, placeholders not yet replaced included. */
export interface SlackReport {
  messages: ShownAt[];
  calls: number;
}

/** What `GET <controlUrl>changes?since=N` answers: each message as it came to show, from the Nth change on. */
export interface SlackChanges {
  changes: ShownAt[];
  next: number;
}

const shown = new Map<string, ShownAt>();
const changes: ShownAt[] = [];
let calls = 0;

function record(call: SlackCall): void {
  calls += 1;
  if (call.status !== 200 || call.response?.ok !== true) return;
  const channel = String(call.body.channel);
  const text = String(call.body.text ?? "");
  if (call.method === "chat.postMessage") {
    const ts = String(call.response.ts);
    const threadTs = typeof call.body.thread_ts === "string" ? call.body.thread_ts : undefined;
    const message = { channel, ts, threadTs, text, at: Date.now() };
    shown.set(`${channel}/${ts}`, message);
    changes.push({ ...message });
  } else if (call.method === "chat.update") {
    const message = shown.get(`${channel}/${String(call.body.ts)}`);
    if (message && message.text !== text) {
      Object.assign(message, { text, at: Date.now() });
      changes.push({ ...message });
    }
  } else if (call.method === "files.completeUploadExternal") {
    // An image with its comment (a scorecard's chart, a drawing): shown as one message in the thread.
    const message = { channel: String(call.body.channel_id), ts: `file-${calls}`, threadTs: typeof call.body.thread_ts === "string" ? call.body.thread_ts : undefined, text: String(call.body.initial_comment ?? ""), at: Date.now() };
    shown.set(`${message.channel}/${message.ts}`, message);
    changes.push({ ...message });
  }
}

const slack = await new FakeSlack().start();
slack.observe(record);
const control = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://control");
  const body: SlackReport | SlackChanges = url.pathname === "/changes" ? { changes: changes.slice(Number(url.searchParams.get("since") ?? 0)), next: changes.length } : { messages: [...shown.values()], calls };
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}/`;
process.stdout.write(`${JSON.stringify({ apiUrl: slack.apiUrl, responseUrl: slack.responseUrl(""), controlUrl, placeholder: PLACEHOLDER_TEXT })}\n`);
// The parent's stdin closing (it ended, or crashed) ends this process too.
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
