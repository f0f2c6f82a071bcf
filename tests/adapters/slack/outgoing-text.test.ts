import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import type { SlackCall } from "../../fakes/slack.js";
import { inThread, SlackWorld, TEAMMATE } from "../../support/slack-team.js";

/**
 * What Slack is asked to show when the words are someone else's: a candidate's answer quoted in the
 * scorecard, a reviewer's modal input posted in the thread. Slack reads `<!channel>`, `<@U…>` and
 * `<url|words>` in the top-level `text` (notifications, clients without blocks) as well as in blocks.
 */

let world: SlackWorld;

beforeAll(async () => {
  world = await SlackWorld.start();
});

afterAll(async () => {
  await world?.stop();
});

const textOf = (call: SlackCall) => String(call.body.text ?? "");
const blocksOf = (call: SlackCall) => JSON.stringify(call.body.blocks ?? []);
/** Slack's control sequences that notify people or show words over a link. */
const CONTROL = /<!channel>|<!here>|<@U0TEAMMATE>|<https:\/\/evil\.example\|/;

describe("the top-level text is escaped like the blocks", () => {
  test("a candidate's @channel, mention and labelled link reach the scorecard's text as plain words that ping no one", async () => {
    // As Slack delivers what the candidate typed: @channel, @grace and a link with words over it are tokens.
    const answer = "I'd frame it as binary classification and track PR-AUC because fraud is rare <!channel> <@U0TEAMMATE> <https://evil.example|click here>.";
    const { scorecard } = await world.finishedInterview(world.channel(), undefined, undefined, answer);
    expect(blocksOf(scorecard)).toContain("track PR-AUC because fraud is rare");
    expect(textOf(scorecard)).toContain("track PR-AUC because fraud is rare @channel @U0TEAMMATE click here (https://evil.example).");
    expect(textOf(scorecard)).not.toMatch(CONTROL);
    expect(blocksOf(scorecard)).not.toMatch(CONTROL);
  });

  test("a reviewer's <!channel> and link typed into the review modal are encoded in the thread post's text", async () => {
    const channel = world.channel();
    const { threadTs, scorecard } = await world.finishedInterview(channel);
    const views = world.slack.views.length;
    const pressed = await world.send.press({ user: TEAMMATE, channel, threadTs, blocks: scorecard.body.blocks, label: "Review", messageTs: String(scorecard.response?.ts) });
    await world.slack.waitFor((call) => call.method === "views.open" && call.body.trigger_id === pressed.triggerId);
    const view = world.slack.views.slice(views).find((opened) => opened.triggerId === pressed.triggerId);
    if (!view) throw new Error("no modal opened");
    const posted = world.next((call) => inThread(channel, threadTs)(call) && /Peer reviews/.test(blocksOf(call)));
    await world.send.submitView({ user: TEAMMATE, view, answers: { "ML knowledge": "Strong", "Overall notes": "<!channel> <@U0TEAMMATE> see <https://evil.example|click here> for my notes" } });
    const aggregate = await posted;
    // The candidate is notified through the mention that leads; nothing the reviewer typed notifies anyone.
    expect(textOf(aggregate)).toMatch(/^<@U0CANDIDATE> /);
    expect(textOf(aggregate)).toContain("&lt;!channel&gt; &lt;@U0TEAMMATE&gt; see &lt;https://evil.example|click here&gt; for my notes");
    expect(textOf(aggregate)).not.toMatch(CONTROL);
  });
});

describe("verbatim quotes", () => {
  test("text Slack sent entity-encoded is quoted as the candidate typed it, escaped once", async () => {
    // The candidate typed "P&L < 5%"; Slack's message event carries it encoded.
    const answer = "I'd frame it as binary classification and track PR-AUC because fraud is rare, keeping P&amp;L &lt; 5% of volume.";
    const { scorecard } = await world.finishedInterview(world.channel(), undefined, undefined, answer);
    // Once-escaped on the wire is right for mrkdwn: Slack shows it as "P&L < 5%".
    expect(blocksOf(scorecard)).toContain("keeping P&amp;L &lt; 5% of volume.");
    expect(textOf(scorecard)).toContain("keeping P&amp;L &lt; 5% of volume.");
    expect(`${blocksOf(scorecard)}${textOf(scorecard)}`).not.toMatch(/&amp;(amp|lt|gt);/);
  });

  test("an unclosed right-to-left override in an answer does not reach the scorecard, so it cannot reverse the bot's text after the quote", async () => {
    const answer = "I'd frame it as binary classification and track PR-AUC because fraud is rare \u202Eenod.";
    const { scorecard } = await world.finishedInterview(world.channel(), undefined, undefined, answer);
    expect(blocksOf(scorecard)).toContain("track PR-AUC because fraud is rare enod.");
    expect(`${blocksOf(scorecard)}${textOf(scorecard)}`).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
