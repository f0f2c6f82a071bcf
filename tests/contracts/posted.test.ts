import { eachImplementation } from "./implementations.js";
import { postedContract } from "./posted.contract.js";

eachImplementation(postedContract);
