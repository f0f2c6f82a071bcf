import { eachImplementation } from "./implementations.js";
import { userDataContract } from "./user-data.contract.js";

eachImplementation(userDataContract);
