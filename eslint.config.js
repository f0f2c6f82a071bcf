import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "coverage/", "dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The core never knows which platform spoke: it must not reach into adapters or platform SDKs.
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/adapters/**", "../adapters/*"], message: "src/ is platform-agnostic: adapters depend on src, never the reverse." },
            { group: ["@slack/*", "discord.js", "@discordjs/*"], message: "src/ is platform-agnostic: platform SDKs belong in adapters/." },
          ],
        },
      ],
    },
  },
  {
    // Storage and queues are plug-ins: only src/infra talks to Redis, BullMQ or the OpenAI SDK; the rest depends on src/ports.
    files: ["src/**/*.ts"],
    ignores: ["src/infra/**", "src/app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/adapters/**", "../adapters/*"], message: "src/ is platform-agnostic: adapters depend on src, never the reverse." },
            { group: ["@slack/*", "discord.js", "@discordjs/*"], message: "src/ is platform-agnostic: platform SDKs belong in adapters/." },
            { group: ["ioredis", "bullmq", "openai", "**/infra/**"], message: "Depend on a port in src/ports; Redis (with all its Lua), BullMQ and the OpenAI SDK live in src/infra." },
          ],
        },
      ],
    },
  },
);
