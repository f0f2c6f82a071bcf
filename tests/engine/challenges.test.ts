import { describe, expect, test } from "@jest/globals";
import { conversation, type Conversation } from "../support/conversation.js";

const TWO_CLAIMS = "Our main metric will be accuracy, and we'd shuffle two years of data for 5-fold cross-validation.";

async function statuses(c: Conversation): Promise<Record<string, string>> {
  return Object.fromEntries((await c.session()).findings.map((finding) => [finding.id, finding.status]));
}

describe("what the candidate does with a challenge is judged claim by claim", () => {
  test("both claims are challenged in the very next reply", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send(TWO_CLAIMS)
      .expectReply(/push back on something you said: "Our main metric will be accuracy/)
      .expectReply(/And one more/)
      .check(async (c) => expect(await statuses(c)).toEqual({ "accuracy-on-rare-class": "challenged", "random-split-on-time-data": "challenged" }));
  });

  test("fixing one claim does not correct the other", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send(TWO_CLAIMS)
      .send("Fair point, I would use PR-AUC instead.")
      .expectReply(/correction I was looking for/)
      .check(async (c) => expect(await statuses(c)).toEqual({ "accuracy-on-rare-class": "corrected", "random-split-on-time-data": "unanswered" }));
  });

  test("saying the claim again holds it, even after 'actually'", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send(TWO_CLAIMS)
      .send("Actually, accuracy is still the main metric, and we would aim above 99%.")
      .expectReply(/I'm not convinced/)
      .check(async (c) => expect((await statuses(c))["accuracy-on-rare-class"]).toBe("held"));
  });

  test("standing by one claim while taking the other back is read clause by clause", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send(TWO_CLAIMS)
      .send("I still think accuracy is the right metric, but you are right about the split, I would split by time.")
      .check(async (c) => expect(await statuses(c)).toEqual({ "accuracy-on-rare-class": "held", "random-split-on-time-data": "corrected" }));
  });

  test("an answer that ignores the challenge leaves the claim unanswered, and the phase does not close on it as if it went well", async () => {
    await conversation({ level: "senior", problem: "fraud" })
      .send("The goal is to cut fraud losses while keeping approvals high, and our main metric will be accuracy.")
      .send("Latency matters most: 100 ms end to end, so the model gets about 30 ms.")
      .check(async (c) => expect((await statuses(c))["accuracy-on-rare-class"]).toBe("unanswered"))
      .send("It's binary classification of each payment, with approval rate and fraud loss in basis points as the online metrics, because that is what finance reports.")
      .expectPhase("high-level-design")
      .expectReply(/Let's move on/)
      .check((c) => expect(c.lastText()).not.toMatch(/That covers what I wanted/));
  });
});
