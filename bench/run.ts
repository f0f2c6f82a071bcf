// `npm run bench`: prints figures for the speed and size targets; it asserts nothing.
import { benchEngineTurn } from "./engine-turn.js";
import { benchLlmPrompt } from "./llm-prompt.js";
import { benchProgressChart } from "./progress-chart.js";
import { benchRedisCapacity } from "./redis-capacity.js";
import { benchRedisTurn } from "./redis-turn.js";
import { benchSlackAck } from "./slack-ack.js";

await benchEngineTurn();
await benchLlmPrompt();
await benchProgressChart();
await benchRedisTurn();
await benchRedisCapacity();
await benchSlackAck();
