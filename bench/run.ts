// `npm run bench`: prints figures for the speed and size targets; it asserts nothing.
import { benchEngineTurn } from "./engine-turn.js";

await benchEngineTurn();
