import { describe, expect, test } from "@jest/globals";
import { loadContent } from "../../../src/engine/context.js";

const content = loadContent();

// Telling a candidate they are wrong when they are right is the worst mistake an interviewer can
// make. Each of these is sound for its problem and must raise no misconception.
const SOUND: ReadonlyArray<readonly [problem: string, claim: string]> = [
  ["fraud", "Accuracy would be meaningless at one fraud in a thousand, so I'd report PR-AUC and recall at a fixed false-decline rate."],
  ["fraud", "We join each label to the latest feature value visible before the transaction timestamp."],
  ["fraud", "I'd never shuffle the data; training runs on the first twenty months and validation on the last four."],
  ["fraud", "Velocity counts come from Flink sliding windows, while slow profile aggregates are refreshed in a nightly batch."],
  ["fraud", "Declines can't be labels because we never see their outcome, so we keep a small randomised approval holdout."],
  ["fraud", "Gradient-boosted trees rather than a deep network, because the inputs are tabular aggregates and latency is tight."],
  ["fraud", "We monitor score distributions and alert when PSI on the top features drifts past 0.2."],
  ["fraud", "The threshold comes from the cost of a chargeback against a declined good customer, not 0.5."],
  ["fraud", "We never launch on an offline win alone: shadow scoring first, then a canary with automatic rollback."],
  ["search-ranking", "Raw clicks are biased by position, so I'd weight them by inverse propensity estimated from randomised top slots."],
  ["search-ranking", "I'd measure NDCG at 10 offline and purchases per search online, with abandonment as a guardrail."],
  ["news-feed", "CTR alone would reward clickbait, so the objective mixes comments, shares and long-term retention with hide rate as a guardrail."],
  ["ecommerce-recs", "Cold start matters here: new products get content embeddings and a small exploration budget."],
  ["ecommerce-recs", "Personal features are used only with consent, and deleted accounts drop out of training data under GDPR."],
  ["spam", "The spam folder only reflects the old filter, so labels come from users marking mail as spam or not spam."],
  ["ads-bidding", "We calibrate the conversion model with isotonic regression before the prediction goes into the bid."],
  ["dynamic-pricing", "Historical prices followed demand, so elasticity has to come from randomised switchback experiments."],
  ["realtime-pipeline", "Training and serving read the same feature definitions, and we log served features to check parity."],
  ["model-serving", "For ten times the traffic we profile first, batch requests on the GPU and autoscale on queue depth, which keeps cost per request flat."],
  // Negation that is about something else, criticism of the wrong idea, and naming a practice only
  // to say what goes wrong without it.
  ["fraud", "There is no substitute for monitoring here."],
  ["fraud", "No doubt we need monitoring."],
  ["fraud", "Nothing ships without monitoring."],
  ["fraud", "Without monitoring we'd never notice drift."],
  ["fraud", "If we skipped monitoring, we'd miss drift for weeks."],
  ["fraud", "Let's not forget monitoring."],
  ["fraud", "I'm not sure monitoring alone is enough; we also need drift alerts."],
  ["fraud", "Not having monitoring would be a disaster."],
  ["fraud", "No baseline, no launch."],
  ["fraud", "Without a baseline we can't tell if the deep model helps."],
  ["fraud", "A random split would be wrong here; I'd hold out the last month."],
  ["fraud", "Using declined payments as fraud labels would be circular, so I'd use chargebacks."],
  ["fraud", "Retraining yearly is too slow for fraud, so I'd retrain weekly."],
  ["fraud", "People often think the model stays accurate forever, it doesn't."],
  ["search-ranking", "A BERT pass over 1,000 candidates doesn't fit in 80 ms, so BERT only reranks the top 50."],
  ["search-ranking", "Monitoring: NDCG on each rater set, zero-result rate, latency and feature drift."],
  ["ecommerce-recs", "We want more purchases per session without hurting the A/B test's guardrail on returns."],
];

// And the wrong ideas themselves, said plainly, must still be heard.
const WRONG: ReadonlyArray<readonly [problem: string, claim: string, id: string]> = [
  ["fraud", "We don't need monitoring once it is live.", "no-monitoring"],
  ["fraud", "No monitoring, the model is fine.", "no-monitoring"],
  ["fraud", "We'd skip the baseline and go straight to the network.", "no-baseline"],
  ["fraud", "We retrain the model once a year.", "slow-retraining-fast-drift"],
  ["fraud", "Honestly I don't see the point of monitoring once the model is validated.", "no-monitoring"],
  ["fraud", "Monitoring can come later, it's not a priority for launch.", "no-monitoring"],
  ["fraud", "I wouldn't set up drift detection; fraud behaviour is pretty stable.", "no-monitoring"],
  ["fraud", "Skipping the baseline saves us a sprint.", "no-baseline"],
  ["fraud", "I'd randomly split the transactions 80/20 into train and test.", "random-split-on-time-data"],
  ["fraud", "Success means 99.9% accuracy on the test set.", "accuracy-on-rare-class"],
  ["fraud", "We'd retrain it every six months or so.", "slow-retraining-fast-drift"],
  ["fraud", "A nightly batch job computes all the features, including the transaction counts.", "batch-only-fresh-features"],
  ["fraud", "Once the new model wins offline we swap it in for all traffic.", "launch-on-offline-metric"],
  ["fraud", "Fairness isn't really an issue here because we don't use demographics.", "fairness-not-relevant"],
  ["news-feed", "We'd simply maximise clicks, that's the cleanest objective.", "engagement-only-objective"],
  ["news-feed", "New users aren't a big problem, they'll get the trending posts.", "cold-start-not-a-problem"],
  ["search-ranking", "Clicked results are relevant results, so clicks are our labels.", "clicks-are-relevance"],
  ["ecommerce-recs", "An A/B test isn't necessary; we can compare conversion before and after launch.", "no-ab-test"],
  ["ads-bidding", "Calibration doesn't matter much since we only rank the ads.", "uncalibrated-bids"],
  ["spam", "We'd take whatever ends up in users' spam folders as the spam label.", "spam-folder-as-labels"],
  ["realtime-pipeline", "Each team can reimplement features in its serving code; small differences won't matter.", "skew-not-a-problem"],
];

describe("wrong claims said plainly are heard", () => {
  test.each(WRONG)("%s: %s", (problemId, claim, id) => {
    const problem = content.bank.resolve(problemId);
    expect(content.analyser.analyse(claim).flatMap((sentence) => content.misconceptions.find(sentence, problem).map((entry) => entry.id))).toContain(id);
  });
});

describe("sound claims are not challenged", () => {
  test.each(SOUND)("%s: %s", (problemId, claim) => {
    const problem = content.bank.resolve(problemId);
    const found = content.analyser.analyse(claim).flatMap((sentence) => content.misconceptions.find(sentence, problem).map((entry) => entry.id));
    expect(found).toEqual([]);
  });
});
