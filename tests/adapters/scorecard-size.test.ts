import { describe, expect, test } from "@jest/globals";
import { DISCORD_LIMITS, embedSize, renderDiscord } from "../../adapters/discord/render.js";
import { renderSlack, SLACK_LIMITS } from "../../adapters/slack/render.js";
import { buildSummary } from "../../src/voice/summary/build.js";
import { summaryMessage } from "../../src/voice/summary/message.js";
import type { Summary } from "../../src/domain/summary.js";
import { conversation } from "../support/conversation.js";

/**
 * The renderers' own guard, past src/voice/summary/bounds.ts: a scorecard whose every text is huge (as
 * if nothing had bounded it) is still a fixed handful of messages on each platform.
 */
async function hugeSummary(): Promise<Summary> {
  let summary: Summary | undefined;
  const flow = conversation({ level: "senior", problem: "fraud" });
  flow.send("The goal is fewer fraud losses at the same approval rate, so I'd predict the probability of fraud per transaction.");
  await flow.send("end").check(async (c) => {
    const base = buildSummary(await c.session(), c.app.content);
    const huge = (length: number) => "Strong framing of the business goal and the metric. ".repeat(Math.ceil(length / 52)).slice(0, length);
    summary = {
      ...base,
      strengths: [huge(20_000), huge(20_000), huge(20_000)],
      improvements: [huge(20_000), huge(20_000), huge(20_000)],
      scorecard: base.scorecard.map((row) => ({ ...row, evidence: [huge(9_000)], justification: huge(9_000) })),
      redFlags: c.app.content.rubric.redFlags.map((flag) => ({ id: flag.id, description: huge(5_000) })),
      narrative: { ...base.narrative, overallAssessment: huge(60_000), areasToExplore: Array.from({ length: 40 }, () => huge(5_000)) },
      notes: [huge(30_000)],
    };
  });
  if (!summary) throw new Error("no summary");
  return summary;
}

describe("a scorecard of any length", () => {
  test("is one Slack message, each section within Block Kit's limit", async () => {
    const summary = await hugeSummary();
    const rendered = renderSlack(summaryMessage(summary, { reviewable: true }));
    expect(rendered).toHaveLength(1);
    const blocks = rendered[0]?.blocks ?? [];
    // Header, one section per paragraph, one per dimension, the Review button.
    expect(blocks).toHaveLength(1 + 8 + summary.scorecard.length + 1);
    for (const block of blocks) if (block.type === "section") expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });

  test("is at most five Discord messages, each within the embed limits", async () => {
    const rendered = renderDiscord(summaryMessage(await hugeSummary(), { reviewable: true }));
    expect(rendered.length).toBeLessThanOrEqual(5);
    for (const part of rendered) {
      const embeds = part.embeds ?? [];
      expect(embeds.reduce((total, embed) => total + embedSize(embed), 0)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
      for (const embed of embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    }
    expect(rendered.at(-1)?.components?.length).toBe(1);
  });
});
