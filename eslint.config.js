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
    // Storage is a plug-in: ports and the features on them reach storage only through src/ports, never Redis itself.
    files: ["src/ports/**/*.ts", "src/team/**/*.ts", "src/schedule/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/adapters/**", "../adapters/*"], message: "src/ is platform-agnostic: adapters depend on src, never the reverse." },
            { group: ["@slack/*", "discord.js", "@discordjs/*"], message: "src/ is platform-agnostic: platform SDKs belong in adapters/." },
            { group: ["ioredis", "**/store/keys.js", "**/store/script.js", "**/store/redis.js", "**/infra/**"], message: "Depend on a port in src/ports; Redis code and its Lua live in src/infra/redis." },
          ],
        },
      ],
    },
  },
);
