import { eachImplementation } from "./implementations.js";
import { reviewsContract } from "./reviews.contract.js";

eachImplementation(reviewsContract);
