import { wordCount } from "./sentences.js";

/**
 * How far a claim goes: `named` (in a list, a fragment, or a sentence that only names things) or
 * `explained` (with a reason, a number, or a mechanism: how data or decisions move). Ratings rest on
 * explained claims; naming earns at most `developing`.
 */
export type Depth = "named" | "explained";

const REASON =
  /\b(?:because|since|so that|so (?:we|i|the|it|that|there|a|an|our|they)|which (?:means|lets|keeps|avoids|gives|catches|makes|matters|is why)|that way|in order to|otherwise|given (?:that|the|how)|due to|as a result|the reason|this (?:lets|means|allows|keeps|avoids|catches)|to (?:avoid|prevent|catch|keep|make sure|ensure|reduce|limit|protect|handle|detect|stop|measure|separate|tell|know|compare|decide|balance|cut|meet|stay|hit|bound|guard|absorb|smooth|spread)|if|when|unless|until|rather than|instead of|at the (?:cost|expense) of|whereas|but)\b/i;
// A number that measures something ("30 ms", "0.1%", "10k", "last 24 hours"), not part of a name like "5-fold" or "p99".
const QUANTITY = /(?<![\w-])\d[\d,.]*(?:\s?(?:%|ms|k|m|bn|x)\b)?(?![\w-])|\b(?:one in (?:a |every )?(?:hundred|thousand|million)|tenfold|a (?:few|couple of) (?:ms|milliseconds|seconds|minutes|hours|days|weeks))\b/i;
const MECHANISM =
  /\b(?:per|for (?:training|serving|inference|scoring|each|every|the (?:model|ranker|scorer|training|serving))|at (?:serving|request|inference|prediction|query|training|decision) time|from|into|feeds?|fed|joined?|computed?|written|writes?|reads?|triggers?|triggered|updated?|backfill(?:ed)?|stored?|served?|logs?|logged|routes?|routed|scores?|scored|falls? back|then|before|after|behind|through|over (?:the )?(?:last|past))\b/i;
const LIST_SEPARATOR = /\s*(?:[,;/|+&]|->|→|\band\b|\bor\b|\bthen\b|\bplus\b)\s*/i;
const BULLET = /^\s*(?:\d+[.)]|[-*•])\s+/;
// "Metrics: CTR, conversion, NDCG": a heading and its items.
const HEADING = /^\s*[\p{L}][\p{L} /&-]{0,30}:\s+/u;

/** Fewer words than this, with no reason or number, is a fragment: it names, it does not explain. */
const FRAGMENT_WORDS = 6;
/** A sentence whose words are mostly in short comma-separated items is a list of terms. */
const LIST = { minItems: 4, minItemsAfterHeading: 3, itemWords: 4, shortShare: 0.6 } as const;
const MECHANISM_WORDS = 10;

/** Whether the sentence is a bare list of terms ("Kafka, Flink, Redis, XGBoost, canary, PSI"). */
export function isTermList(sentence: string): boolean {
  if (REASON.test(sentence)) return false;
  const body = sentence.replace(BULLET, "");
  const headed = HEADING.test(body);
  const items = body
    .replace(HEADING, "")
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => /[\p{L}\p{N}]/u.test(item));
  if (items.length < (headed ? LIST.minItemsAfterHeading : LIST.minItems)) return false;
  const short = items.filter((item) => wordCount(item) <= LIST.itemWords).length;
  return short / items.length >= LIST.shortShare;
}

/** The depth of every claim in the sentence. */
export function sentenceDepth(sentence: string): Depth {
  if (isTermList(sentence)) return "named";
  if (REASON.test(sentence)) return "explained";
  // A number alone in a fragment ("50M DAU, 100 ms") names a requirement; it does not reason about it.
  const words = wordCount(sentence);
  if (words < FRAGMENT_WORDS) return "named";
  if (QUANTITY.test(sentence)) return "explained";
  return words >= MECHANISM_WORDS && MECHANISM.test(sentence) ? "explained" : "named";
}
