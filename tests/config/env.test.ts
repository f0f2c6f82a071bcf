import { describe, expect, test } from "@jest/globals";
import { loadConfig } from "../../src/config/env.js";
import { ConfigError } from "../../src/core/errors.js";

describe("configuration from the environment", () => {
  test("defaults need no variables at all: the offline interviewer, no budget", () => {
    const config = loadConfig({});
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config.OPENAI_MODEL).toBe("gpt-4.1-mini");
    expect(config.LLM_TIMEOUT_MS).toBe(20_000);
    expect(config.MAX_TOKENS_PER_INTERVIEW).toBeUndefined();
  });

  test("an empty variable counts as unset", () => {
    const config = loadConfig({ OPENAI_API_KEY: "", OPENAI_MODEL: "", LLM_TIMEOUT_MS: "", OPENAI_BASE_URL: "" });
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config.OPENAI_MODEL).toBe("gpt-4.1-mini");
    expect(config.LLM_TIMEOUT_MS).toBe(20_000);
  });

  test.each([
    [{ LLM_TIMEOUT_MS: "soon" }, "LLM_TIMEOUT_MS: must be a whole number"],
    [{ LLM_MAX_RETRIES: "-1" }, "LLM_MAX_RETRIES: must be at least 0"],
    [{ OPENAI_BASE_URL: "ollama on my laptop" }, "OPENAI_BASE_URL: must be a URL such as https://api.openai.com/v1"],
    [{ MAX_TOKENS_PER_INTERVIEW: "0" }, "MAX_TOKENS_PER_INTERVIEW: must be positive"],
    [{ REDIS_CLUSTER_NODES: "redis-1:6379,redis-2" }, 'REDIS_CLUSTER_NODES: "redis-2" is not host:port; expected a list such as redis-1:6379,redis-2:6379'],
    [{ REDIS_CLUSTER_NODES: "redis-1:99999" }, 'REDIS_CLUSTER_NODES: "redis-1:99999" is not host:port'],
    [{ REDIS_CLUSTER_NODES: "redis://redis-1:6379" }, 'REDIS_CLUSTER_NODES: "redis://redis-1:6379" is not host:port'],
    [{ REDIS_CLUSTER_NODES: "redis-1:6379", REDIS_URL: "redis://redis-1:6379" }, "REDIS_CLUSTER_NODES: set either REDIS_URL (one node) or REDIS_CLUSTER_NODES (a cluster), not both"],
    [{ REDIS_CLUSTER_NODES: "redis-1:6379", BULLMQ_PREFIX: "mock-interview" }, "BULLMQ_PREFIX: must contain a hash tag such as {mock-interview} when REDIS_CLUSTER_NODES is set"],
    [{ REDIS_TLS: "maybe" }, "REDIS_TLS: must be true or false"],
  ])("a bad value stops start-up with one line naming the variable: %p", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test("a cluster node list is read as hosts and ports, IPv6 in brackets, spaces around commas ignored", () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: "redis-1:6379, 10.0.0.2:7000,[::1]:7001", REDIS_TLS: "true", REDIS_PASSWORD: "s3cret" });
    expect(config.REDIS_CLUSTER_NODES).toEqual([
      { host: "redis-1", port: 6379 },
      { host: "10.0.0.2", port: 7000 },
      { host: "::1", port: 7001 },
    ]);
    expect(config.REDIS_TLS).toBe(true);
    expect(loadConfig({}).REDIS_TLS).toBe(false);
  });
});
