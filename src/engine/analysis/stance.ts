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

// Phrases that contain a negator but affirm ("not only", "no doubt", "there is no substitute for"),
// or protect what follows ("without hurting approval rate", "don't degrade latency").
const NOT_NEGATING =
  /\b(?:not only|not just|no matter|whether or not|if not|no-brainer|not least|no doubt|no question|no substitute for|no alternative to|no excuse for|no shortcut|no way around|not (?:forget|skip|ignore|underestimate|neglect)|never (?:forget|skip|ignore|underestimate)|(?:can'?t|cannot) (?:do|live|go) without)\b|\b(?:without|not|never|avoid(?:ing)?|\w+n[’']t)\s+(?:hurt|harm|degrad|reduc|los|sacrific|affect|break|compromis|worsen|slow|tank|dent)\w*/gi;
/**
 * Negators and what they reach. A plain negation ("not", "n't", "never") reaches the words only
 * through a verb of wanting or doing ("don't need", "wouldn't bother with", "never use") or when
 * they follow at once ("not accuracy"); "doesn't fit in 80 ms" says nothing against latency. An
 * absence ("no", "none") reaches what follows within two words ("no monitoring", "no real
 * baseline"); "there is no substitute for monitoring" affirms it. A rejection verb ("skip",
 * "drop", "without") reaches a few words on.
 */
const PLAIN = /\b(?:\w+n[’']t|not|never|cannot)\b/gi;
const ABSENCE = /\b(?:no|none|nor|neither|nothing)\b/gi;
const REJECTING =
  /\b(?:no need(?: for| to)?|no point(?: in)?|not worth|skip(?:ping|ped)?|drop(?:ping|ped)?(?! (?:out|off|in|below|by|to)\b)|ditch(?:ing)?|forget(?:ting)? about|leave out|leaving out|get rid of|do away with|avoid(?:ing)?|too early for|without|with no)\b/gi;
const WANTING =
  /\b(?:see the point|see why|see a reason|need|needs|use|using|want|wants|bother|bothering|add|adding|build|building|do|doing|have|having|include|including|run|running|care|worry|require|trust|keep|go with|rely on|invest|spend|see a need|think|plan|deal with|handle|handling|monitor|set up|start with|recommend|suggest|bet on|pick|choose)\b/i;
// "never a shuffled split", "not the accuracy": a negation reaches across articles and the like.
const DETERMINERS_ONLY = /^\s*(?:(?:a|an|the|any|some|real|proper|separate|extra|more|much|our|their|this|that|such|even|just)\s+){0,3}$/i;
/** Words between a negator and the words it reaches; more than this and the negation is about something else. */
const REACH = { plain: 8, absence: 2, rejecting: 4 } as const;
// "Without monitoring we'd never notice drift", "if we skipped the baseline we couldn't tell": a
// practice named only to say what goes wrong without it is proposed.
const HARM =
  /\b(?:disaster|catastroph\w*|blind|miss(?:ed|ing)?|never (?:notice|know|see|catch|find out)|(?:wouldn'?t|won'?t|can'?t|couldn'?t|don'?t|would not|could not) (?:know|notice|see|catch|tell|measure|detect|trust)|no (?:idea|way (?:to|of) (?:know|tell|see))|silent(?:ly)?|too late|be wrong|breaks?|fails?|failures?|no (?:launch|ship|deploy|go|release)|risky|dangerous|hurts?)\b/i;
const CONDITION = /\b(?:if|unless|without|not having|with no)\b/i;
// The idea put in someone else's mouth ("people often think the model stays accurate").
const ATTRIBUTED = /\b(?:people|teams|many|some|others|folks|candidates|a common (?:mistake|trap)|the naive (?:approach|answer)|it'?s tempting to|the trap is)\b[^.;]{0,25}\b(?:think|assume|believe|say|claim|is to|are to)\b/i;
const ALTERNATIVE = /\b(?:instead of|rather than|in place of|as opposed to)\b/i;
// Negation before a hazard is a guard ("no leakage"), unless it is about not worrying about it.
const NOT_WORRYING = /\b(?:worry|care|bother|concern(?:ed)?|deal|handle|handling|think|account|plan|spend|effort|invest|prioriti[sz]e)\b/i;
const ADVERB = "(?:really |actually |much |even |necessarily |that |such |truly |just |always )?";
const WORTHLESS = `(?:needed|necessary|required|worth(?: it)?|important|relevant|useful|helpful|something (?:i'?d|we'?d|we|i|you|the model) (?:spend|need|have|has|should)|an? (?:big |real |major |serious |huge |day-one )?(?:concern|problem|issue|priority|deal|factor)|our (?:problem|concern|job))`;
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
    // Deferred out of the design: "monitoring can come later".
    "\\b(?:can|could) (?:come|wait|happen|be added) (?:later|after launch)|\\bcan wait\\b|\\b(?:a|an) (?:later|phase[- ]two|v2|nice[- ]to[- ]have) (?:thing|problem|item)\\b",
    "\\bwould only (?:annoy|cost|slow|hurt|confuse|delay|get in the way)",
    // Criticised: "a random split would be wrong here", "yearly retraining is too slow".
    `\\b(?:is|are|was|would be|will be|'s|seems?|looks?) ${ADVERB}(?:wrong|a mistake|circular|naive|a trap|dangerous|too (?:slow|late|coarse|stale|infrequent|rare|optimistic))\\b`,
    "\\b(?:would|will|can|could) (?:overstate|inflate|flatter|look better than|leak)",
  ].join("|"),
  "i",
);
// "Who needs monitoring?" dismisses; "why do we need monitoring?" may be a question the next sentence answers.
const RHETORICAL = /^\s*(?:why bother|who (?:needs|cares about)|what'?s the point of)\b/i;
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

function words(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** The negations in `before` (the clause up to the words) that reach the words, and how many negators it holds in all. */
function negations(before: string): { reaching: Array<"plain" | "absence" | "rejecting">; total: number } {
  const text = before.replace(NOT_NEGATING, (phrase) => " ".repeat(phrase.length));
  const reaching: Array<"plain" | "absence" | "rejecting"> = [];
  const taken: Array<[number, number]> = [];
  let total = 0;
  for (const [kind, pattern] of [["rejecting", REJECTING], ["plain", PLAIN], ["absence", ABSENCE]] as const) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index;
      // A negator inside a longer one already counted ("no need for", "not worth") is the same negation.
      if (taken.some(([from, to]) => at >= from && at < to)) continue;
      taken.push([at, at + match[0].length]);
      total++;
      const between = text.slice(at + match[0].length);
      const gap = words(between);
      const plainReach = gap === 0 || DETERMINERS_ONLY.test(between) || (gap <= REACH.plain && WANTING.test(between));
      if (kind === "plain" ? plainReach : gap <= REACH[kind]) reaching.push(kind);
    }
  }
  return { reaching, total };
}

/** The candidate's stance towards the words at [start, end) of the sentence. */
export function stanceAt(sentence: string, start: number, end: number, kind: ConceptKind = "practice"): StanceReading {
  const question = sentence.trimEnd().endsWith("?");
  if (question && RHETORICAL.test(sentence)) return { stance: "rejects", alternative: false };
  const clause = clauseAround(sentence, start, end);
  const before = sentence.slice(clause.start, start);
  const after = sentence.slice(end, Math.min(clause.end, end + 70));
  if (question || ASKING.test(before)) return { stance: "asks", alternative: false };
  if (DISMISSAL.test(after) || ATTRIBUTED.test(sentence.slice(0, start))) return { stance: "rejects", alternative: false };
  const { reaching, total } = negations(before);
  if (reaching.length === 0) {
    return ALTERNATIVE.test(before) ? { stance: "rejects", alternative: true } : { stance: "proposes", alternative: false };
  }
  // Double negation ("never launch without a test", "don't skip monitoring") proposes.
  if (total % 2 === 0) return { stance: "proposes", alternative: false };
  // Named only to say what goes wrong without it.
  if ((CONDITION.test(sentence.slice(0, start)) || reaching.includes("absence")) && HARM.test(sentence.slice(end))) return { stance: "proposes", alternative: false };
  // "No drift" guards against drift; "no drift detection" drops the practice that would.
  const practiceNamed = PRACTICE_NOUN.test(sentence.slice(end));
  if (kind === "hazard" && !practiceNamed && !NOT_WORRYING.test(before)) return { stance: "proposes", alternative: false };
  return { stance: "rejects", alternative: false };
}
