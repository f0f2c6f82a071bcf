import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { PNG } from "pngjs";
import { contentOf, DiscordWorld, hasInterviewButtons, postedIn } from "./team-world.js";

let world: DiscordWorld;

beforeAll(async () => {
  world = await DiscordWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const FENCED = ["```mermaid", "flowchart LR", "  events([Card events]) --> kafka[(Kafka)] --> flink[Flink] --> scorer(Scorer)", "  labels --> retraining --> scorer", "```"].join("\n");

/** An answer that names components without drawing them: the scorecard draws them. */
const DESIGN = "Transactions stream through Kafka into Flink, which computes velocity features into a feature store, and a gradient-boosted tree scores each payment behind the API.";

describe("drawing in a Discord thread", () => {
  test("a fenced Mermaid answer gets one reply and one PNG attached in the interview thread, with alt text", async () => {
    const channel = await world.channel();
    const { threadId } = await world.startInterview(world.people.candidate, channel.id);
    const since = world.discord.calls.length;
    const picture = world.next((call) => postedIn(threadId)(call) && call.attachments.length > 0, 15_000);
    await world.discord.post(world.discord.threadMessage({ author: world.people.candidate, channelId: threadId, content: FENCED }));
    const posted = await picture;
    const [file] = posted.attachments;
    const png = PNG.sync.read(file?.data ?? Buffer.alloc(0));
    expect(png.width).toBeGreaterThan(400);
    expect(png.height).toBeGreaterThan(100);
    expect(posted.body).toMatchObject({ attachments: [{ id: 0, description: expect.stringMatching(/^Diagram of 6 components and 5 arrows; main flow: Card events → Kafka → Flink → Scorer/) }] });
    const after = world.discord.calls.slice(since).filter(postedIn(threadId));
    const replies = after.filter(hasInterviewButtons);
    expect(replies).toHaveLength(1);
    expect(contentOf(replies[0])).toMatch(/Here's your drawing: 6 components and 5 arrows/);
    expect(after.filter((call) => call.attachments.length > 0)).toHaveLength(1);
  });

  test("an oversize drawing is refused with the reason, and nothing is attached", async () => {
    const channel = await world.channel();
    const { threadId } = await world.startInterview(world.people.candidate, channel.id);
    const since = world.discord.calls.length;
    const chain = Array.from({ length: 61 }, (_, index) => `n${index}`).join(" --> ");
    const answered = world.next((call) => postedIn(threadId)(call) && hasInterviewButtons(call));
    await world.discord.post(world.discord.threadMessage({ author: world.people.candidate, channelId: threadId, content: `flowchart LR\n${chain}` }));
    expect(contentOf(await answered)).toMatch(/That drawing has 61 boxes and I draw at most 60/);
    // The next turn's reply proves the earlier one posted everything it was going to.
    const again = world.next((call) => postedIn(threadId)(call) && hasInterviewButtons(call));
    await world.discord.post(world.discord.threadMessage({ author: world.people.candidate, channelId: threadId, content: "help" }));
    await again;
    expect(world.discord.calls.slice(since).filter((call) => postedIn(threadId)(call) && call.attachments.length > 0)).toHaveLength(0);
  });

  test("the picture of the design arrives in the thread with the scorecard", async () => {
    const channel = await world.channel();
    const since = world.discord.calls.length;
    const { threadId } = await world.finishedInterview(channel.id, world.people.candidate, DESIGN);
    const posted = await world.discord.waitFor((call) => world.discord.calls.indexOf(call) >= since && postedIn(threadId)(call) && call.attachments.length > 0, 20_000);
    expect(posted.body).toMatchObject({ attachments: [{ id: 0, filename: expect.stringMatching(/^design-.*\.png$/), description: expect.stringMatching(/^Your design as described: /) }] });
    expect(PNG.sync.read(posted.attachments[0]?.data ?? Buffer.alloc(0)).width).toBeGreaterThan(400);
  });

  test("a drawn loop from labels back to retraining is quoted on the scorecard by its edge", async () => {
    const channel = await world.channel();
    const { scorecard } = await world.finishedInterview(channel.id, world.people.candidate, "events -> kafka -> flink -> feature store -> scorer\nchargebacks -> labels -> retraining -> scorer");
    expect(JSON.stringify(scorecard.body)).toContain("labels → retraining");
  });
});
