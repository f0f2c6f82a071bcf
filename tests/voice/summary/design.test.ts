import { describe, expect, test } from "@jest/globals";
import { buildSummary } from "../../../src/voice/summary/build.js";
import { designPicture } from "../../../src/voice/summary/design.js";
import { conversation } from "../../support/conversation.js";

describe("the picture of the design on the scorecard", () => {
  test("a described design is drawn in data-flow order, in the candidate's words, with parts never covered faded", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("next")
      .send("next")
      .send("Transactions stream through Kafka into Flink, which computes velocity features into a feature store, and a gradient-boosted tree scores each payment.")
      .send("end")
      .check(async (c) => {
        const session = await c.session();
        const picture = designPicture(session, buildSummary(session, c.app.content), c.app.content);
        const labels = picture?.diagram.nodes.map((node) => node.label) ?? [];
        expect(labels[0]).toMatch(/^Data: .*Kafka/i);
        expect(labels.findIndex((label) => /^Features: /.test(label))).toBeLessThan(labels.findIndex((label) => /^Serving/.test(label)));
        const faded = new Set(picture?.faded);
        const fadedLabels = picture?.diagram.nodes.filter((node) => faded.has(node.id)).map((node) => node.label);
        expect(fadedLabels).toEqual(expect.arrayContaining(["Monitoring and feedback: not covered"]));
        expect(picture?.diagram.edges.some((edge) => edge.label === "outcomes back to training: not shown" && edge.style === "dotted")).toBe(true);
        expect(picture?.alt).toMatch(/No path brings outcomes back to training\./);
      });
  });

  test("an interview that named no component has no picture", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("I'd like to understand the business goal first.")
      .send("end")
      .check(async (c) => {
        const session = await c.session();
        expect(designPicture(session, buildSummary(session, c.app.content), c.app.content)).toBeUndefined();
      });
  });
});
