import { describe, expect, test } from "@jest/globals";
import { RATINGS } from "../../../src/content/schemas.js";
import { buildSummary } from "../../../src/voice/summary/build.js";
import { SummarySchema } from "../../../src/domain/summary.js";
import { conversation } from "../../support/conversation.js";

const rank = (rating: (typeof RATINGS)[number]) => RATINGS.length - RATINGS.indexOf(rating);

describe("the summary", () => {
  test("matches its schema and quotes only the candidate's own words", async () => {
    const said = [
      "The goal is fewer fraud losses at the same approval rate, so I'd predict the probability of fraud per transaction.",
      "Offline I'd use PR-AUC because fraud is rare; online, fraud losses and the false positive rate.",
      "I'd monitor drift with PSI and retrain when it crosses a threshold, with a fallback to rules if the model times out.",
    ];
    const flow = conversation({ level: "senior", problem: "fraud" });
    for (const line of said) flow.send(line);
    await flow.send("end").check(async (c) => {
      const summary = SummarySchema.parse(buildSummary(await c.session(), c.app.content));
      const quotes = summary.scorecard.flatMap((row) => row.evidence);
      expect(quotes.length).toBeGreaterThan(0);
      for (const quote of quotes) expect(said.some((line) => line.includes(quote))).toBe(true);
    });
  });

  test("concepts the candidate only repeats after a hint revealed them earn nothing", async () => {
    const parroted =
      "I'd use a feature store with sliding window aggregates, a rules engine first, then a gradient-boosted model with a fallback, monitoring drift and retraining on fresh labels.";
    const ratingsFor = async (withHints: boolean) => {
      const flow = conversation({ level: "senior", problem: "fraud" }).send("next").send("next");
      if (withHints) flow.send("hint").send("hint").send("hint").send("hint");
      let total = 0;
      await flow
        .send(parroted)
        .send("end")
        .check(async (c) => {
          const session = await c.session();
          const fraud = c.app.content.bank.resolve("fraud");
          // Only meaningful if the hints really did name what the answer repeats.
          if (withHints) expect(c.app.content.matcher.detect(fraud.hints["high-level-design"].join(" ")).length).toBeGreaterThan(3);
          total = buildSummary(session, c.app.content).scorecard.reduce((sum, row) => sum + rank(row.rating), 0);
        });
      return total;
    };
    expect(await ratingsFor(true)).toBeLessThan(await ratingsFor(false));
  });

  test("counts the hints used per phase", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("hint")
      .send("hint")
      .send("next")
      .send("next")
      .send("hint")
      .send("end")
      .check(async (c) => {
        const summary = buildSummary(await c.session(), c.app.content);
        expect(summary.hintsUsed).toBe(3);
        expect(summary.hintsByPhase).toEqual({ requirements: 2, "high-level-design": 1 });
      });
  });

  test("a short interview is not flagged for what it never reached", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("I'd frame it as binary classification of transactions.")
      .send("end")
      .check(async (c) => {
        const summary = buildSummary(await c.session(), c.app.content);
        expect(summary.phaseReached).toBe("requirements");
        expect(summary.redFlags.map((flag) => flag.id)).not.toContain("no-monitoring");
      });
  });
});
