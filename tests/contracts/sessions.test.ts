import { eachImplementation } from "./implementations.js";
import { sessionsContract } from "./sessions.contract.js";

eachImplementation(sessionsContract);
