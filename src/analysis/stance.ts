/**
 * Where a candidate stands on something they name: proposing it, rejecting or dismissing it, or
 * asking about it. Read from the clause around the words, so "we don't need a feature store, and
 * I'd cache scores" rejects the store and proposes the cache.
 */
export type Stance = "proposes" | "rejects" | "asks";

export interface StanceReading {
  stance: Stance;
  /** Rejected in favour of a named alternative ("trees rather than a deep network"): a choice, not a dismissal. */
  alternative: boolean;
}

/** Whether the words name a practice the design does or a hazard it guards against. */
export type ConceptKind = "practice" | "hazard";

// A clause ends at strong punctuation, at a conjunction that starts a new thought, or at a comma
// followed by a new subject; a comma inside a list ("a feature store, a registry or drift checks") does not.
const CLAUSE_BREAK =
  /[;:()]|\s[-–—]\s|,\s*(?=(?:and|but|so|then|yet|while|whereas|which|plus|i|we|i'd|we'd|i'll|we'll|it|they|this|that|because|since|though|although|otherwise)\b)|\b(?:but|because|since|whereas|although|though|so that|which|while|unless|except|otherwise|and then)\b|\b(?:so|and)\b(?=\s+(?:we|i|the|it|that|there|our|i'd|we'd|i'll|we'll|they|then)\b)/gi;

// Phrases that contain a negator but do not negate ("not only", "no matter").
const NOT_NEGATING = /\b(?:not only|not just|no matter|whether or not|if not|no-brainer|not least)\b/gi;
const NEGATOR =
  /\b(?:no need(?: for| to)?|no point(?: in)?|not worth|\w+n[’']t|cannot|no|not|never|without|none|nor|neither|skip(?:ping|ped)?|drop(?:ping|ped)?(?! (?:out|off|in|below|by|to)\b)|ditch(?:ing)?|forget(?:ting)? about|leave out|leaving out|get rid of|do away with|avoid(?:ing)?|too early for)\b/gi;
const ALTERNATIVE = /\b(?:instead of|rather than|in place of|as opposed to)\b/gi;
// Negation before a hazard is a guard ("no leakage"), unless it is about not worrying about it.
const NOT_WORRYING = /\b(?:worry|care|bother|concern(?:ed)?|deal|handle|handling|think|account|plan|spend|effort|invest|prioriti[sz]e)\b/i;
const ADVERB = "(?:really |actually |much |even |necessarily |that |such |truly |just |always )?";
const WORTHLESS = `(?:needed|necessary|required|worth(?: it)?|important|relevant|useful|helpful|something (?:i'?d|we'?d|we|i|you|the model) (?:spend|need|have|has|should)|an? (?:concern|problem|issue|priority|big deal|factor)|our (?:problem|concern|job))`;
const PRACTICE_NOUN = /^[\s-]*(?:detection|detectors?|monitoring|checks?|alerts?|alerting|handling|correction|tests?|testing|mitigation|guards?|dashboards?)\b/i;
const DISMISSAL = new RegExp(
  [
    "\\b(?:overkill|unnecessary|pointless|useless|meaningless|misleading|irrelevant|overrated|overblown|exaggerated|premature|a non-issue|non-issue|a waste|waste (?:of )?(?:time|effort|money)|waste time|a distraction)\\b",
    `\\bnot ${ADVERB}${WORTHLESS}`,
    `\\bnot going to (?:matter|be (?:a|an) (?:problem|issue))`,
    `\\b(?:is|are|was|were|do|does|will|would|should)n[’']?t ${ADVERB}(?:${WORTHLESS}|matter|help|be ${ADVERB}${WORTHLESS})`,
    `\\b(?:is|are|does|do|will|would) not ${ADVERB}(?:matter|help)`,
    `\\bwon[’']?t ${ADVERB}(?:matter|help|be ${ADVERB}${WORTHLESS})`,
    "\\b(?:can|could) (?:safely )?(?:be )?(?:skipped|ignored|dropped|skip|ignore|drop)\\b",
    "\\b(?:never|rarely) (?:matters?|an issue|a problem)\\b",
    "\\bwould only (?:annoy|cost|slow|hurt|confuse|delay|get in the way)",
  ].join("|"),
  "i",
);
const RHETORICAL = /^\s*(?:why (?:would|should|do|does|bother)\b(?: (?:we|you|i|anyone) (?:need|bother|want|use|care))?|who (?:needs|cares about)|what'?s the point of)/i;
const ASKING = /\b(?:i'?d|i would|let me|can i|could you|i want to|i'd like to|we should) (?:first )?(?:ask|clarify|confirm|know|find out)\b/i;

/** The clause of `sentence` that holds the span [start, end). */
export function clauseAround(sentence: string, start: number, end: number): { start: number; end: number } {
  let from = 0;
  let to = sentence.length;
  for (const match of sentence.matchAll(CLAUSE_BREAK)) {
    const at = match.index;
    if (at + match[0].length <= start) from = at + match[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return { start: from, end: to };
}

function countMatches(text: string, pattern: RegExp): number {
  return [...text.replace(NOT_NEGATING, " ").matchAll(pattern)].length;
}

/** The candidate's stance towards the words at [start, end) of the sentence. */
export function stanceAt(sentence: string, start: number, end: number, kind: ConceptKind = "practice"): StanceReading {
  const question = sentence.trimEnd().endsWith("?");
  if (question && RHETORICAL.test(sentence)) return { stance: "rejects", alternative: false };
  const clause = clauseAround(sentence, start, end);
  const before = sentence.slice(clause.start, start);
  const after = sentence.slice(end, Math.min(clause.end, end + 70));
  if (question || ASKING.test(before)) return { stance: "asks", alternative: false };
  if (DISMISSAL.test(after)) return { stance: "rejects", alternative: false };
  const negators = countMatches(before, NEGATOR);
  const alternatives = countMatches(before, ALTERNATIVE);
  if (alternatives > 0 && negators === 0) return { stance: "rejects", alternative: true };
  // Double negation ("never launch without a test", "don't skip monitoring") proposes.
  if (negators % 2 === 0) return { stance: "proposes", alternative: false };
  // "No drift" guards against drift; "no drift detection" drops the practice that would.
  const practiceNamed = PRACTICE_NOUN.test(sentence.slice(end));
  if (kind === "hazard" && !practiceNamed && !NOT_WORRYING.test(before)) return { stance: "proposes", alternative: false };
  return { stance: "rejects", alternative: false };
}
