// `npm run bench`: prints figures for the speed and size targets; it asserts nothing.
import { benchEngineTurn } from "./engine-turn.js";
import { benchLlmPrompt } from "./llm-prompt.js";

await benchEngineTurn();
await benchLlmPrompt();
