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
  ])("a bad value stops start-up with one line naming the variable: %p", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
