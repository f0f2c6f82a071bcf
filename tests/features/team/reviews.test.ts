import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { RATINGS, type DimensionId, type Rating } from "../../../src/content/schemas.js";
import { loadContent } from "../../../src/engine/context.js";
import { plainText } from "../../../src/core/messages/message.js";
import { RATING_LABELS } from "../../../src/voice/summary/message.js";
import type { ReviewInput } from "../../../src/features/team/port.js";
import { startHarness, type Harness } from "../../support/service-harness.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { interview, startTeam, type Team } from "../../support/team-harness.js";

const ADA = { id: "test:U1", name: "Ada" };
const BO = { id: "test:U2", name: "Bo" };
const CY = { id: "test:U3", name: "Cy" };
const OUTSIDER = "test:U9";
const CHANNEL = "test:T1:C1";
const DIMENSIONS = loadContent().rubric.dimensions;

let redis: RedisServer;
let bot: Harness;
let team: Team;

beforeAll(async () => {
  redis = await startRedis();
  bot = await startHarness(redis, { role: "all" });
  team = startTeam(bot, redis);
  team.directory.channel(CHANNEL, ADA.id, BO.id, CY.id);
});

afterAll(async () => {
  await team?.close();
  await bot?.stop();
  await redis?.stop();
});

function review(ratings: Partial<Record<DimensionId, Rating>>, extra: Partial<ReviewInput> = {}): ReviewInput {
  return { ratings, comments: {}, notes: "", ...extra };
}

/** A rating at least two steps from `rating`, so the peers clearly differ from the AI. */
function farFrom(rating: Rating): Rating {
  return RATINGS.indexOf(rating) <= 1 ? "not-shown" : "strong";
}

/** The rating one step from `rating`. */
function nextTo(rating: Rating): Rating {
  const index = RATINGS.indexOf(rating);
  return RATINGS[index === 0 ? 1 : index - 1] ?? "solid";
}

function aggregates(threadKey: string) {
  return bot.recorder.in(threadKey, "notice").filter((posted) => posted.message.heading?.startsWith("Peer reviews"));
}

function fieldOf(threadKey: string, title: string): string {
  const latest = aggregates(threadKey).at(-1)?.message;
  return latest?.fields?.find((field) => field.label === title)?.value ?? "";
}

describe("peer reviews", () => {
  test("a teammate's review is posted in the thread beside the AI's ratings, with agreement marked and the candidate pinged", async () => {
    const threadKey = `${CHANNEL}:review-member`;
    const interviewId = await interview(bot, threadKey, ADA);
    const ai = (await team.archive.get(threadKey, interviewId))?.summary.scorecard ?? [];
    const [first, second, third] = DIMENSIONS;
    const aiRating = (id: DimensionId | undefined): Rating => ai.find((row) => row.dimension === id)?.rating ?? "solid";

    const form = await team.team.reviewForm(threadKey, BO.id);
    expect(form.interviewId).toBe(interviewId);
    expect(form.candidateName).toBe("Ada");
    expect(form.dimensions.map((dimension) => dimension.id)).toEqual(DIMENSIONS.map((dimension) => dimension.id));
    expect(form.existing).toBeNull();

    const confirmation = await team.team.submitReview(
      threadKey,
      interviewId,
      BO.id,
      review(
        { [first?.id ?? "communication"]: aiRating(first?.id), [second?.id ?? "communication"]: farFrom(aiRating(second?.id)), [third?.id ?? "communication"]: nextTo(aiRating(third?.id)) },
        { comments: { communication: "Clear structure throughout." }, notes: "Great call on label delay." },
      ),
    );
    expect(plainText(confirmation)).toMatch(/your review .* is saved.*edit it any time by pressing Review again/i);

    await bot.recorder.waitFor(() => aggregates(threadKey).length === 1);
    const posted = aggregates(threadKey)[0]?.message;
    expect(posted?.heading).toBe("Peer reviews (1)");
    expect(posted?.mentions).toEqual([ADA.id]);
    const label = (id: DimensionId | undefined) => RATING_LABELS[aiRating(id)];
    expect(fieldOf(threadKey, first?.title ?? "")).toBe(`AI: ${label(first?.id)} · Peers: ${label(first?.id)} ×1 · agrees`);
    expect(fieldOf(threadKey, second?.title ?? "")).toBe(`AI: ${label(second?.id)} · Peers: ${RATING_LABELS[farFrom(aiRating(second?.id))]} ×1 · differs`);
    expect(fieldOf(threadKey, third?.title ?? "")).toBe(`AI: ${label(third?.id)} · Peers: ${RATING_LABELS[nextTo(aiRating(third?.id))]} ×1 · close`);
    const text = plainText(posted ?? { kind: "notice", paragraphs: [] });
    expect(text).toContain(`<@${BO.id}>: Great call on label delay.`);
    expect(text).toContain(`from <@${BO.id}>: Clear structure throughout.`);
    expect(text).not.toContain("Bo");
  });

  test("editing a review replaces it: the thread shows one review from that reviewer with the new rating", async () => {
    const threadKey = `${CHANNEL}:review-edit`;
    const interviewId = await interview(bot, threadKey, ADA);
    const title = DIMENSIONS.find((dimension) => dimension.id === "communication")?.title ?? "";

    await team.team.submitReview(threadKey, interviewId, BO.id, review({ communication: "solid" }));
    const edited = await team.team.submitReview(threadKey, interviewId, BO.id, review({ communication: "developing" }, { notes: "On reflection, the structure wandered." }));

    expect(edited.heading).toBe("Review updated");
    await bot.recorder.waitFor(() => aggregates(threadKey).length === 2);
    expect(aggregates(threadKey)[1]?.message.heading).toBe("Peer reviews (1)");
    expect(fieldOf(threadKey, title)).toContain("Peers: Developing ×1");
    expect(fieldOf(threadKey, title)).not.toContain("Solid ×");
    expect((await team.team.reviewForm(threadKey, BO.id)).existing).toEqual(review({ communication: "developing" }, { notes: "On reflection, the structure wandered." }));
  });

  test("several reviewers are counted per rating, and the reviews expire with the interview", async () => {
    const threadKey = `${CHANNEL}:review-many`;
    const interviewId = await interview(bot, threadKey, ADA);
    const title = DIMENSIONS.find((dimension) => dimension.id === "communication")?.title ?? "";

    await team.team.submitReview(threadKey, interviewId, BO.id, review({ communication: "solid" }));
    await team.team.submitReview(threadKey, interviewId, CY.id, review({ communication: "developing" }));

    await bot.recorder.waitFor(() => aggregates(threadKey).length === 2);
    expect(aggregates(threadKey)[1]?.message.heading).toBe("Peer reviews (2)");
    expect(fieldOf(threadKey, title)).toContain("Peers: Solid ×1, Developing ×1");
    const ttl = await bot.redis.pttl(bot.keys.reviews(threadKey, interviewId));
    expect(ttl).toBeGreaterThan(team.ttlMs - 60_000);
    expect(ttl).toBeLessThanOrEqual(team.ttlMs);
  });

  test("a review written late in the interview's life expires with the interview, not a whole retention period later", async () => {
    const threadKey = `${CHANNEL}:review-late`;
    const interviewId = await interview(bot, threadKey, ADA);
    // The interview has two minutes left to live, as on the last day of SESSION_TTL_DAYS.
    await bot.redis.pexpire(bot.keys.interviews(threadKey), 120_000);

    await team.team.submitReview(threadKey, interviewId, BO.id, review({ communication: "solid" }));

    const ttl = await bot.redis.pttl(bot.keys.reviews(threadKey, interviewId));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  test("the candidate is pinged when a teammate reviews, not again when that teammate edits", async () => {
    const threadKey = `${CHANNEL}:review-ping`;
    const interviewId = await interview(bot, threadKey, ADA);

    await team.team.submitReview(threadKey, interviewId, BO.id, review({ communication: "solid" }));
    await team.team.submitReview(threadKey, interviewId, BO.id, review({ communication: "developing" }));
    await team.team.submitReview(threadKey, interviewId, CY.id, review({ communication: "solid" }));

    await bot.recorder.waitFor(() => aggregates(threadKey).length === 3);
    expect(aggregates(threadKey).map((posted) => posted.message.mentions ?? [])).toEqual([[ADA.id], [], [ADA.id]]);
  });

  test("an interview still running can be reviewed; the AI's ratings show as pending until its scorecard is written", async () => {
    const threadKey = `${CHANNEL}:review-running`;
    const interviewId = await interview(bot, threadKey, ADA, { end: false });

    await team.team.submitReview(threadKey, interviewId, BO.id, review({ communication: "strong" }));

    await bot.recorder.waitFor(() => aggregates(threadKey).length === 1);
    const title = DIMENSIONS.find((dimension) => dimension.id === "communication")?.title ?? "";
    expect(fieldOf(threadKey, title)).toBe("AI: pending · Peers: Strong ×1");
  });

  test("someone who is not in the interview's channel cannot review it", async () => {
    const threadKey = `${CHANNEL}:review-outsider`;
    const interviewId = await interview(bot, threadKey, ADA);

    await expect(team.team.reviewForm(threadKey, OUTSIDER)).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/members of the channel/) });
    await expect(team.team.submitReview(threadKey, interviewId, OUTSIDER, review({ communication: "strong" }))).rejects.toMatchObject({ code: "forbidden" });
    expect(aggregates(threadKey)).toHaveLength(0);
  });

  test("the candidate cannot review their own interview", async () => {
    const threadKey = `${CHANNEL}:review-self`;
    const interviewId = await interview(bot, threadKey, ADA);

    await expect(team.team.reviewForm(threadKey, ADA.id)).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/your own interview/) });
    await expect(team.team.submitReview(threadKey, interviewId, ADA.id, review({ communication: "strong" }))).rejects.toMatchObject({ code: "forbidden" });
    expect(aggregates(threadKey)).toHaveLength(0);
  });

  test("a thread without an interview has nothing to review", async () => {
    await expect(team.team.reviewForm(`${CHANNEL}:review-nothing`, BO.id)).rejects.toMatchObject({ code: "not-found", message: expect.stringMatching(/no interview in that thread/) });
  });

  test("an empty review is refused with a reason", async () => {
    const threadKey = `${CHANNEL}:review-empty`;
    const interviewId = await interview(bot, threadKey, ADA, { end: false });

    await expect(team.team.submitReview(threadKey, interviewId, BO.id, review({}))).rejects.toMatchObject({ code: "user-input", message: expect.stringMatching(/empty/) });
  });
});

describe("asking teammates for reviews", () => {
  test("each teammate asked gets one direct message with the link to the candidate's latest interview", async () => {
    const candidate = { id: "test:U5", name: "Dee" };
    const threadKey = `${CHANNEL}:request-latest`;
    await interview(bot, threadKey, candidate);

    const confirmation = await team.team.requestReviews(candidate.id, [BO.id, CY.id, BO.id, candidate.id]);

    expect(plainText(confirmation)).toContain("Asked 2 teammates");
    expect(plainText(confirmation)).toMatch(/left you out/);
    for (const reviewer of [BO.id, CY.id]) {
      const direct = bot.recorder.in(reviewer).filter((posted) => posted.message.heading === "Review request");
      expect(direct).toHaveLength(1);
      const text = plainText(direct[0]?.message ?? { kind: "notice", paragraphs: [] });
      expect(text).toContain("Dee asked you to review");
      expect(text).toContain("https://chat.test/T1/C1/request-latest");
    }
    expect(bot.recorder.in(candidate.id)).toHaveLength(0);
  });

  test("teammates outside the interview's channel are not sent the link, and the candidate hears why", async () => {
    const candidate = { id: "test:U6", name: "Eli" };
    await interview(bot, `${CHANNEL}:request-outsider`, candidate);

    const confirmation = await team.team.requestReviews(candidate.id, [OUTSIDER]);

    expect(plainText(confirmation)).toContain(`aren't in the interview's channel: <@${OUTSIDER}>`);
    expect(bot.recorder.in(OUTSIDER)).toHaveLength(0);
  });

  test("asking only yourself is refused", async () => {
    await expect(team.team.requestReviews(ADA.id, [ADA.id])).rejects.toMatchObject({ code: "forbidden" });
  });

  test("someone with no interview yet is told to start one first", async () => {
    await expect(team.team.requestReviews("test:U7", [BO.id])).rejects.toMatchObject({ code: "not-found", message: expect.stringMatching(/no interview/) });
  });
});
