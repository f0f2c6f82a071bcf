import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { PNG } from "pngjs";
import { UserInputError } from "../../../src/core/errors.js";
import { plainText } from "../../../src/core/messages/message.js";
import { startRedis, type RedisServer } from "../../support/redis-server.js";
import { TeamWorld } from "./past-interviews.js";

let server: RedisServer;
let world: TeamWorld;

beforeAll(async () => {
  server = await startRedis();
  world = new TeamWorld(server);
});

afterAll(async () => {
  await world?.close();
  await server?.stop();
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Distinct opaque colours in the picture, ignoring anti-aliasing shades that appear only a few times. */
function coloursIn(png: PNG): number {
  const counts = new Map<number, number>();
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const rgb = ((png.data[offset] ?? 0) << 16) | ((png.data[offset + 1] ?? 0) << 8) | (png.data[offset + 2] ?? 0);
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  return [...counts.values()].filter((count) => count >= 50).length;
}

describe("progress", () => {
  test("posts a PNG line chart of the ratings over time into the channel, mentioning the user", async () => {
    const user = "test:T1:U-progress";
    await world.interview({ user, threadKey: `${user}:1`, at: "2026-11-02T10:00:00Z", ratings: { "trade-off-analysis": "not-shown", communication: "developing" } });
    await world.interview({ user, threadKey: `${user}:2`, at: "2026-11-09T10:00:00Z", ratings: { "trade-off-analysis": "developing" } });
    await world.interview({ user, threadKey: `${user}:3`, at: "2026-11-16T10:00:00Z", ratings: { "trade-off-analysis": "solid", "ml-knowledge": "strong" } });
    const channelKey = "test:T1:C-team";

    const confirmation = await world.team.progress(user, channelKey);
    expect(plainText(confirmation)).toMatch(/progress chart.*3 interviews/i);

    const posted = world.poster.images.at(-1);
    expect(posted?.key).toBe(channelKey);
    expect(posted?.image.filename).toBe("progress.png");
    expect(posted?.message.mentions).toEqual([user]);
    expect(posted?.image.alt).toMatch(/ratings per dimension across 3 interviews from 2 Nov 2026 to 16 Nov 2026/);
    expect(posted?.image.alt).toMatch(/Trade-offs Solid/);

    const bytes = posted?.image.png ?? Buffer.alloc(0);
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(bytes.toString("ascii", 12, 16)).toBe("IHDR");
    expect(bytes.readUInt32BE(16)).toBe(960);
    expect(bytes.readUInt32BE(20)).toBe(540);
    const decoded = PNG.sync.read(bytes);
    expect(decoded.width).toBe(960);
    // Background, bands, text and one colour per dimension's line: far from blank.
    expect(coloursIn(decoded)).toBeGreaterThanOrEqual(8);
  });

  test("without a scorecard there is nothing to chart, and nothing is posted", async () => {
    const user = "test:T1:U-unscored";
    await world.interview({ user, threadKey: `${user}:1`, at: "2026-11-02T10:00:00Z", scorecard: false });
    const before = world.poster.images.length;
    await expect(world.team.progress(user, "test:T1:C-team")).rejects.toThrow(UserInputError);
    expect(world.poster.images).toHaveLength(before);
  });
});
