// `npm run bench`: prints figures for the speed and size targets; it asserts nothing.
// `npm run bench -- slack-outage worker-takeover` runs only the benches named; `--name=value`
// arguments are options for the benches that read them (see bench/capacity.ts).
import { benchCapacity } from "./capacity.js";
import { benchDiagramRender } from "./diagram-render.js";
import { benchEngineTurn } from "./engine-turn.js";
import { benchFirstWord } from "./first-word.js";
import { benchLlmPrompt } from "./llm-prompt.js";
import { benchProgressChart } from "./progress-chart.js";
import { benchRedisCapacity } from "./redis-capacity.js";
import { benchRedisTurn } from "./redis-turn.js";
import { benchRuntime } from "./runtime.js";
import { benchSlackAck } from "./slack-ack.js";
import { benchSlackOutage } from "./slack-outage.js";
import { benchWorkerTakeover } from "./worker-takeover.js";

const BENCHES: Record<string, () => Promise<void>> = {
  capacity: benchCapacity,
  "diagram-render": benchDiagramRender,
  "engine-turn": benchEngineTurn,
  "first-word": benchFirstWord,
  "llm-prompt": benchLlmPrompt,
  "progress-chart": benchProgressChart,
  "redis-turn": benchRedisTurn,
  "redis-capacity": benchRedisCapacity,
  runtime: benchRuntime,
  "slack-ack": benchSlackAck,
  "slack-outage": benchSlackOutage,
  "worker-takeover": () => benchWorkerTakeover(),
};

const asked = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length) throw new Error(`unknown bench ${unknown.join(", ")}; benches: ${Object.keys(BENCHES).join(", ")}`);
for (const [name, bench] of Object.entries(BENCHES)) if (asked.length === 0 || asked.includes(name)) await bench();
