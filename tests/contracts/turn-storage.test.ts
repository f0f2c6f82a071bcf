import { afterAll, beforeAll, describe } from "@jest/globals";
import { Redis } from "ioredis";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { embeddedTurnStorage, redisTurnStorage, turnStorageContract } from "./turn-storage.contract.js";

let server: RedisServer;
let client: Redis;

beforeAll(async () => {
  server = await startRedis();
  client = new Redis(server.url);
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

describe.each([
  ["redis", () => redisTurnStorage(client, server.env.REDIS_KEY_PREFIX)],
  ["embedded", embeddedTurnStorage],
])("turn storage (%s)", (_name, make) => turnStorageContract(make));
