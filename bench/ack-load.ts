// Load generator for the ack bench, run in its own process so the client's work does not sit on
// the server's event loop: sends N signed `/mock-interview` commands at once, each from its own
// user in its own channel (`C<prefix><index>`), and prints when each was sent and how long its ack took.
import { request } from "node:http";
import { slackSignature } from "../tests/fakes/slack.js";

/** One command's outcome, as printed. */
export interface AckResult {
  channel: string;
  status: number;
  ms: number;
  /** Date.now() when it was sent: the fake Slack, in another process, stamps its posts the same way. */
  sentAt: number;
}

const [url = "", secret = "", countText = "200", responseUrlBase = "http://127.0.0.1:9/response/", prefix = "LOAD"] = process.argv.slice(2);
const target = new URL(url);

function command(index: number): Promise<AckResult> {
  const channel = `C${prefix}${index}`;
  const body = new URLSearchParams({
    token: "legacy",
    team_id: "T0FAKE01",
    team_domain: "fake",
    channel_id: channel,
    channel_name: "load",
    user_id: `U${prefix}${index}`,
    user_name: `load${index}`,
    command: "/mock-interview",
    text: "senior fraud",
    api_app_id: "A0FAKEAPP",
    response_url: `${responseUrlBase}${prefix}-${index}`,
    trigger_id: `${prefix}-${index}-${Date.now()}`,
  }).toString();
  const headers = { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), ...slackSignature(secret, body) };
  return new Promise((resolve, reject) => {
    const sentAt = Date.now();
    const started = performance.now();
    const outgoing = request({ hostname: target.hostname, port: target.port, path: target.pathname, method: "POST", headers, agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve({ channel, status: response.statusCode ?? 0, ms: performance.now() - started, sentAt }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const results = await Promise.all(Array.from({ length: Number(countText) }, (_, index) => command(index)));
process.stdout.write(JSON.stringify(results));
