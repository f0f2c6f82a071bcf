#!/usr/bin/env -S node --import tsx
// The composition root: the only place that sees both src/ and adapters/.
import { PLATFORMS } from "../adapters/index.js";
import { createLogger } from "../src/ops/logger.js";
import { configuredPlatforms } from "../src/app/platform.js";
import { runFromCommandLine } from "../src/app/main.js";

// Each registered platform decides from the environment whether it is on; a bad platform variable
// stops start-up with one line, like every other setting.
await runFromCommandLine(
  process.argv.slice(2),
  (config, content) => configuredPlatforms(PLATFORMS, process.env, content, createLogger({ level: config.LOG_LEVEL, role: "platform" })),
  PLATFORMS,
);
