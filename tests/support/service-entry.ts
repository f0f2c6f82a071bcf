// A service process for tests: the real roles and command line, with the test platform standing in
// for Slack and Discord. TEST_RECORDER_URL: where it posts; TEST_PLATFORM_PORT: where it takes events.
import { runFromCommandLine } from "../../src/app/main.js";
import { HttpPoster, TestPlatform } from "./test-platform.js";

const recorder = process.env.TEST_RECORDER_URL ?? "http://127.0.0.1:9/post";
const port = process.env.TEST_PLATFORM_PORT ? Number(process.env.TEST_PLATFORM_PORT) : undefined;

await runFromCommandLine(process.argv.slice(2), () => [new TestPlatform(new HttpPoster(recorder), port)]);
