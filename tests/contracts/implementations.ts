import { afterAll, describe } from "@jest/globals";
import { embeddedWorlds, redisWorlds, type WorldFactory } from "./world.js";

/** Runs one contract against every implementation: Redis, embedded in memory, embedded on disk. */
export function eachImplementation(contract: (make: WorldFactory) => void): void {
  const implementations = [
    ["redis", redisWorlds()],
    ["embedded in memory", embeddedWorlds(false)],
    ["embedded on disk", embeddedWorlds(true)],
  ] as const;
  afterAll(async () => {
    for (const [, worlds] of implementations) await worlds.stop();
  });
  describe.each(implementations)("%s", (_name, worlds) => contract(worlds.make));
}
