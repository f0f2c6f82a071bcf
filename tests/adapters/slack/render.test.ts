import { describe, expect, test } from "@jest/globals";
import { renderSlack, SLACK_LIMITS } from "../../../adapters/slack/render.js";
import type { OutgoingMessage } from "../../../src/core/messages/message.js";

const json = (value: unknown) => JSON.stringify(value);

describe("Block Kit rendering", () => {
  test("an interviewer message has a header, sections, a plain-text fallback and the five buttons", () => {
    const [rendered] = renderSlack({
      kind: "interviewer",
      heading: "Requirements",
      paragraphs: ["What would you clarify first?", "Think about <latency> & cost."],
      actions: ["hint", "harder", "easier", "next", "end"],
    });
    expect(rendered?.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Requirements" } });
    expect(json(rendered?.blocks)).toContain("Think about &lt;latency&gt; &amp; cost.");
    expect(rendered?.text).toContain("What would you clarify first?");
    const actions = rendered?.blocks[rendered.blocks.length - 1];
    expect(actions?.type).toBe("actions");
    expect(json(actions)).toContain('"action_id":"mock_interview_hint"');
    expect(json(actions)).toContain('"text":"End interview"');
  });

  test("a model's reply is escaped in the top-level text as in the blocks, and a heading cut at its limit keeps its emoji whole", () => {
    const [rendered] = renderSlack({ kind: "interviewer", heading: `Scorecard for ${"🔥".repeat(100)}`, paragraphs: ["<!here> read <https://evil.example|the rubric> & <@U0ADMIN>"] });
    expect(rendered?.text).toContain("&lt;!here&gt; read &lt;https://evil.example|the rubric&gt; &amp; &lt;@U0ADMIN&gt;");
    const header = rendered?.blocks[0];
    const title = header?.type === "header" ? header.text.text : "";
    expect(title.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    expect(title).toMatch(/^Scorecard for (🔥)+…$/u);
  });

  test("a paragraph over 3,000 characters is split across sections, none over the limit", () => {
    const long = Array.from({ length: 40 }, (_, index) => `Sentence number ${index} says something about feature stores and drift.`).join(" ").repeat(4);
    const [rendered] = renderSlack({ kind: "interviewer", paragraphs: [long] });
    const sections = rendered?.blocks.filter((block) => block.type === "section") ?? [];
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect(json(section).length).toBeLessThan(SLACK_LIMITS.sectionText + 100);
  });

  test("more than 50 blocks become several messages, buttons on the last", () => {
    const message: OutgoingMessage = { kind: "interviewer", paragraphs: Array.from({ length: 120 }, (_, index) => `Point ${index}.`), actions: ["hint", "end"] };
    const rendered = renderSlack(message);
    expect(rendered.length).toBe(3);
    for (const part of rendered) expect(part.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(rendered[2]?.blocks.at(-1)?.type).toBe("actions");
    expect(rendered[0]?.blocks.some((block) => block.type === "actions")).toBe(false);
  });

  test("the scorecard shows one row per dimension with its rating and quoted evidence", () => {
    const [rendered] = renderSlack({
      kind: "summary",
      heading: "Scorecard for Ada",
      paragraphs: ["Overall."],
      fields: [
        { label: "ML knowledge: Strong", value: '"I would use PR-AUC because fraud is rare."' },
        { label: "Communication: Developing", value: "No evidence yet." },
      ],
    });
    const rows = rendered?.blocks.filter((block) => json(block).includes("*ML knowledge: Strong*")) ?? [];
    expect(rows).toHaveLength(1);
    expect(json(rows[0])).toContain('>\\"I would use PR-AUC because fraud is rare.\\"');
  });
});
