import { describe, expect, test } from "@jest/globals";
import { ExpiringCache } from "../../../adapters/shared/expiring-cache.js";

describe("ExpiringCache", () => {
  test("a value is reused while fresh and looked up again once it expires", async () => {
    let now = 0;
    let loads = 0;
    const cache = new ExpiringCache<number>(1_000, 10, () => now);
    const load = async () => ++loads;
    expect(await cache.get("C1", load)).toBe(1);
    now = 999;
    expect(await cache.get("C1", load)).toBe(1);
    now = 1_000;
    expect(await cache.get("C1", load)).toBe(2);
  });

  test("a long-running bot keeps at most the limit, dropping the oldest and the expired", async () => {
    let now = 0;
    const cache = new ExpiringCache<string>(60_000, 100, () => now);
    for (let index = 0; index < 1_000; index++) await cache.get(`C${index}`, async () => `members of C${index}`);
    expect(cache.size).toBe(100);
    now = 120_000;
    await cache.get("fresh", async () => "new");
    expect(cache.size).toBe(1);
  });

  test("a failed lookup is not kept, so the next call asks again", async () => {
    const cache = new ExpiringCache<string>(60_000);
    await expect(cache.get("C1", async () => Promise.reject(new Error("slack down")))).rejects.toThrow("slack down");
    expect(await cache.get("C1", async () => "answer")).toBe("answer");
  });
});
