import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { PNG } from "pngjs";
import { CANDIDATE, inThread, isPlaceholder, shown, SlackWorld } from "../../support/slack-team.js";

let world: SlackWorld;

beforeAll(async () => {
  world = await SlackWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

/** A message as Slack's event carries it: &, < and > as entities. */
const asSlackSends = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const FENCED = ["```mermaid", "flowchart LR", "  events([Card events]) --> kafka[(Kafka)] --> flink[Flink] --> scorer(Scorer)", "  labels --> retraining --> scorer", "```"].join("\n");

/** The interviewer's replies in the thread after call number `since`: new posts and placeholders turned into replies. */
function repliesSince(channel: string, threadTs: string, since: number) {
  const calls = world.slack.calls.slice(since);
  return calls.filter((call) => (inThread(channel, threadTs)(call) && !isPlaceholder(call)) || (call.method === "chat.update" && call.body.channel === channel));
}

/** An answer that names components without drawing them: the scorecard draws them. */
const DESIGN = "Transactions stream through Kafka into Flink, which computes velocity features into a feature store, and a gradient-boosted tree scores each payment behind the API.";

describe("drawing in a Slack thread", () => {
  test("a fenced Mermaid answer gets one reply and one PNG uploaded into the interview thread, with alt text", async () => {
    const channel = world.channel();
    const { threadTs } = await world.startInterview(CANDIDATE, channel);
    const since = world.slack.calls.length;
    const uploaded = world.next((call) => call.method === "files.completeUploadExternal" && call.body.channel_id === channel, 15_000);
    await world.send.message({ user: CANDIDATE, channel, threadTs, text: asSlackSends(FENCED) });
    await uploaded;
    const files = world.slack.files.shared.filter((file) => file.channel === channel);
    expect(files).toHaveLength(1);
    const file = files[0];
    expect(file?.threadTs).toBe(threadTs);
    expect(file?.altText).toMatch(/^Diagram of 6 components and 5 arrows; main flow: Card events → Kafka → Flink → Scorer/);
    const png = PNG.sync.read(file?.bytes ?? Buffer.alloc(0));
    expect(png.width).toBeGreaterThan(400);
    expect(png.height).toBeGreaterThan(100);
    const replies = repliesSince(channel, threadTs, since);
    expect(replies).toHaveLength(1);
    expect(shown(replies[0] ?? { method: "", body: {}, token: undefined, path: "" })).toMatch(/Here's your drawing: 6 components and 5 arrows/);
  });

  test("a malformed block gets the reply naming the line, and no image", async () => {
    const channel = world.channel();
    const { threadTs } = await world.startInterview(CANDIDATE, channel);
    const answered = world.next((call) => (call.method === "chat.update" && call.body.channel === channel) || (inThread(channel, threadTs)(call) && !isPlaceholder(call)));
    await world.send.message({ user: CANDIDATE, channel, threadTs, text: asSlackSends("```mermaid\nflowchart LR\n  kafka --> flink\n  flink -->\n```") });
    expect(shown(await answered)).toMatch(/I couldn't draw that diagram\. Line 3/);
    // The next turn's reply proves the earlier one posted everything it was going to.
    const again = world.next((call) => (call.method === "chat.update" && call.body.channel === channel) || (inThread(channel, threadTs)(call) && !isPlaceholder(call)));
    await world.send.message({ user: CANDIDATE, channel, threadTs, text: "help" });
    await again;
    expect(world.slack.files.shared.filter((file) => file.channel === channel)).toHaveLength(0);
  });

  test("the picture of the design arrives in the thread with the scorecard", async () => {
    const channel = world.channel();
    const uploaded = world.next((call) => call.method === "files.completeUploadExternal" && call.body.channel_id === channel, 20_000);
    const { threadTs } = await world.finishedInterview(channel, CANDIDATE, "ada", DESIGN);
    await uploaded;
    const [file] = world.slack.files.shared.filter((candidate) => candidate.channel === channel);
    expect(file?.threadTs).toBe(threadTs);
    expect(file?.filename).toMatch(/^design-.*\.png$/);
    expect(file?.altText).toMatch(/^Your design as described: .*Not covered, drawn faded: .*Serving and deployment/);
    expect(PNG.sync.read(file?.bytes ?? Buffer.alloc(0)).width).toBeGreaterThan(400);
  });

  test("a drawn loop from labels back to retraining is quoted on the scorecard by its edge", async () => {
    const channel = world.channel();
    const { scorecard } = await world.finishedInterview(channel, CANDIDATE, "ada", asSlackSends("events -> kafka -> flink -> feature store -> scorer\nchargebacks -> labels -> retraining -> scorer"));
    expect(shown(scorecard)).toContain("labels → retraining");
  });
});
