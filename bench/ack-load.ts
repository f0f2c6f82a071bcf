// Load generator for the ack bench, run in its own process so the client's work does not sit on
// the server's event loop: sends N signed `/mock-interview` commands at once, prints the latencies.
import { request } from "node:http";
import { slackSignature } from "../tests/fakes/slack.js";

const [url = "", secret = "", countText = "200", responseUrlBase = "http://127.0.0.1:9/response/"] = process.argv.slice(2);
const target = new URL(url);

function command(index: number): Promise<{ status: number; ms: number }> {
  const body = new URLSearchParams({
    token: "legacy",
    team_id: "T0FAKE01",
    team_domain: "fake",
    channel_id: `C0LOAD${index}`,
    channel_name: "load",
    user_id: `U0LOAD${index}`,
    user_name: `load${index}`,
    command: "/mock-interview",
    text: "senior fraud",
    api_app_id: "A0FAKEAPP",
    response_url: `${responseUrlBase}${index}`,
    trigger_id: `load-${index}-${Date.now()}`,
  }).toString();
  const headers = { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), ...slackSignature(secret, body) };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = request({ hostname: target.hostname, port: target.port, path: target.pathname, method: "POST", headers, agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

const results = await Promise.all(Array.from({ length: Number(countText) }, (_, index) => command(index)));
process.stdout.write(JSON.stringify(results));
