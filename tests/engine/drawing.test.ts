import { describe, expect, test } from "@jest/globals";
import { buildSummary } from "../../src/voice/summary/build.js";
import { conversation } from "../support/conversation.js";

const FENCED = [
  "```mermaid",
  "flowchart LR",
  "  events([Card events]) --> kafka[(Kafka)] --> flink[Flink features] --> redis[(Redis feature store)]",
  "  redis --> scorer[Scorer API] --> decision{Approve?}",
  "```",
].join("\n");

const WITH_LOOP = "events -> kafka -> flink -> feature store -> scorer\nchargebacks -> labels -> retraining -> scorer\nscorer -> monitoring";

describe("a drawing is an answer the interviewer reads", () => {
  test("the reply says what the drawing shows and asks about the missing path back to training", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send(FENCED)
      .check((c) => {
        const text = c.lastText();
        expect(text).toMatch(/Here's your drawing: 6 components and 5 arrows\./);
        expect(text).toMatch(/It shows .*data/i);
        expect(text).toMatch(/Nothing in it brings outcomes back to training: where do the labels come from/);
        // One question this turn: the drawing's gap, not a planned question on top.
        expect(text.match(/\?/g)?.length).toBe(1);
        expect(text).toMatch(/^High-level design/);
      });
  });

  test("a drawn labels -> retraining edge is the feedback loop, in coverage and quoted by its text", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send(WITH_LOOP)
      .expectReply(/Here's your drawing: 9 components and 8 arrows/)
      .send("end")
      .check(async (c) => {
        const summary = buildSummary(await c.session(), c.app.content);
        expect(summary.coverage["monitoring-feedback"]?.concepts.join(" ")).toMatch(/closes the feedback loop/);
        const quotes = summary.scorecard.flatMap((row) => row.evidence);
        expect(quotes).toContain("labels → retraining");
        const communication = summary.scorecard.find((row) => row.dimension === "communication");
        expect(communication?.justification).toMatch(/drew the data flow/i);
      });
  });

  test("a malformed block gets a reply naming the line, and the answer still counts as text", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send("```mermaid\nflowchart LR\n  kafka --> flink\n  flink -->\n```")
      .check(async (c) => {
        expect(c.lastText()).toMatch(/I couldn't draw that diagram\. Line 3 \("flink -->"\): the arrow `-->` needs a node after it/);
        const session = await c.session();
        expect(session.transcript.filter((entry) => entry.role === "candidate").at(-1)?.text).toMatch(/kafka --> flink/);
      });
  });

  test("a drawing of more than 60 boxes is refused with the reason", async () => {
    const chain = Array.from({ length: 70 }, (_, index) => `n${index}`).join(" --> ");
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send(`flowchart LR\n${chain}`)
      .expectReply(/That drawing has 70 boxes and I draw at most 60/);
  });
});
