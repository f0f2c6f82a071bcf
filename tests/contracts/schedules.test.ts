import { eachImplementation } from "./implementations.js";
import { schedulesContract } from "./schedules.contract.js";

eachImplementation(schedulesContract);
