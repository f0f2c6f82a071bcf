import { archiveContract } from "./archive.contract.js";
import { eachImplementation } from "./implementations.js";

eachImplementation(archiveContract);
