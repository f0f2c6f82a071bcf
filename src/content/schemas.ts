import { z } from "zod";
import { LevelSchema } from "./levels.js";
import { HintedPhaseSchema, PhaseSchema } from "./phases.js";
import { DISPLAY_LIMITS, problemChoiceName } from "./limits.js";

/**
 * Schemas for the data files in problems/ and rubric/. The types the engine uses are derived
 * from these, so a data file, the engine and the LLM prompts share one source of truth.
 */

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case kebab-case (letters, digits, single dashes)");
const text = z.string().trim().min(1, "must not be empty");
const sentence = z.string().trim().min(12, "is too short to be useful (at least 12 characters)");

/** A case-insensitive regular expression, checked to compile when the file loads. */
const pattern = z.string().min(2).refine(
  (source) => {
    try {
      new RegExp(source, "i");
      return true;
    } catch {
      return false;
    }
  },
  { message: "is not a valid regular expression" },
);

/** Ids of the framework areas a complete answer covers. */
export const AREA_IDS = [
  "formulation",
  "metrics",
  "data",
  "features",
  "model",
  "training-evaluation",
  "serving",
  "monitoring-feedback",
  "scaling-cost",
  "security-privacy-fairness",
] as const;
export const AreaIdSchema = z.enum(AREA_IDS);
export type AreaId = z.infer<typeof AreaIdSchema>;

export const DIMENSION_IDS = [
  "ml-knowledge",
  "ml-systems",
  "problem-solving",
  "trade-off-analysis",
  "production-awareness",
  "communication",
] as const;
export const DimensionIdSchema = z.enum(DIMENSION_IDS);
export type DimensionId = z.infer<typeof DimensionIdSchema>;

/** Named ratings, best first. There are no numeric scores anywhere in the product. */
export const RATINGS = ["strong", "solid", "developing", "not-shown"] as const;
export const RatingSchema = z.enum(RATINGS);
export type Rating = z.infer<typeof RatingSchema>;

/**
 * When a probe fires or a red flag is raised, in terms of concepts the candidate has mentioned so
 * far: every `all` concept, at least one `any` concept (when given), and none of the `none` ones.
 */
export const TriggerSchema = z
  .object({
    all: z.array(id).default([]),
    any: z.array(id).default([]),
    none: z.array(id).default([]),
    /**
     * Probes: asked only during these phases. Red flags: raised only once the interview has reached
     * the earliest of these phases, so a short session is not blamed for what it never got to.
     * Empty means no restriction.
     */
    phases: z.array(PhaseSchema).default([]),
  })
  .strict()
  .refine((trigger) => trigger.all.length + trigger.any.length + trigger.none.length > 0, {
    message: "needs at least one of all, any or none",
  });
export type Trigger = z.infer<typeof TriggerSchema>;

// ---------------------------------------------------------------- rubric/concepts.yaml

export const ConceptSchema = z
  .object({
    id,
    label: text,
    /** The framework area this concept is evidence of, if any (cross-cutting concepts have none). */
    area: AreaIdSchema.optional(),
    /**
     * A `practice` is something a design does (monitoring, a baseline); a `hazard` is something a
     * design guards against (leakage, skew, drift). "No leakage" proposes the guard; "drift is not a
     * problem" dismisses it. The stance of a claim reads negation differently for the two.
     */
    kind: z.enum(["practice", "hazard"]).default("practice"),
    patterns: z.array(pattern).min(1),
  })
  .strict();
export type Concept = z.infer<typeof ConceptSchema>;
export const ConceptsFileSchema = z.object({ concepts: z.array(ConceptSchema).min(1) }).strict();

// ---------------------------------------------------------------- traits and misconceptions

/**
 * What kind of problem this is, as far as judging a claim goes: accuracy is wrong on a rare
 * positive class and fine on a balanced one; nightly features are wrong where freshness decides.
 */
export const TRAITS = [
  "rare-positive",
  "time-ordered",
  "fast-drift",
  "fresh-features",
  "online-experiment",
  "ranking",
  "own-decision-labels",
  "real-time-decision",
  "affects-people",
  "personal-data",
] as const;
export const TraitSchema = z.enum(TRAITS);
export type Trait = z.infer<typeof TraitSchema>;

/**
 * A wrong idea a candidate may state, how it is recognised, where it is wrong, and what the
 * interviewer asks and the scorecard says about it.
 */
export const MisconceptionSchema = z
  .object({
    id,
    /** The wrong idea in one line, for prompts and the scorecard. */
    claim: sentence,
    recognise: z
      .object({
        /** The wrong claim in words; it counts only where the candidate asserts it (not negated, not asked). */
        patterns: z.array(pattern).default([]),
        /** Or: the candidate dismisses one of these concepts (not merely prefers an alternative). */
        rejects: z.array(id).default([]),
        /** Context in the same sentence that makes the claim sound ("accuracy is useless here"). */
        unless: z.array(pattern).default([]),
      })
      .strict()
      .refine((recognise) => recognise.patterns.length + recognise.rejects.length > 0, {
        message: "needs at least one of patterns or rejects",
      }),
    /** The problem must have one of these traits for the claim to be wrong; empty means everywhere. */
    appliesTo: z.array(TraitSchema).default([]),
    /** The dimension the claim counts against. */
    dimension: DimensionIdSchema,
    /** What the interviewer asks, in their voice, naming the claim. */
    challenge: sentence,
    /** One line for the scorecard: what is right instead. */
    correction: sentence,
    /** Concepts whose proposal in the reply to the challenge shows the candidate revised the claim. */
    revisedBy: z.array(id).default([]),
    /** Both are tested: the positive must be recognised and the near miss must not be. */
    examples: z.object({ positive: sentence, nearMiss: sentence }).strict(),
    /** In a problem file: general misconceptions this sharper entry stands in for on this problem. */
    replaces: z.array(id).default([]),
  })
  .strict();
export type Misconception = z.infer<typeof MisconceptionSchema>;
export const MisconceptionsFileSchema = z.object({ misconceptions: z.array(MisconceptionSchema).min(1) }).strict();

// ---------------------------------------------------------------- rubric/framework.yaml

export const AreaSchema = z
  .object({
    id: AreaIdSchema,
    title: text,
    why: sentence,
    /** What the interviewer asks when the candidate's design leaves this area out. */
    question: sentence,
  })
  .strict();
export type Area = z.infer<typeof AreaSchema>;
export const FrameworkFileSchema = z.object({ areas: z.array(AreaSchema).length(AREA_IDS.length) }).strict();

// ---------------------------------------------------------------- rubric/dimensions.yaml

export const DimensionSchema = z
  .object({
    id: DimensionIdSchema,
    title: text.max(
      DISPLAY_LIMITS.dimensionTitle,
      `must be at most ${DISPLAY_LIMITS.dimensionTitle} characters: the review form's rating options read "<title>: <rating>", and a Discord select option holds 100`,
    ),
    description: sentence,
    /** Concepts whose presence in the candidate's words is evidence for this dimension. */
    signals: z.array(id).min(3),
    /**
     * What the rating rests on: `claims` counts the signals proposed and explained; `explanation`
     * (how the design was communicated) counts how much of what was said carried its reasoning.
     */
    basis: z.enum(["claims", "explanation"]).default("claims"),
    /** What evidence at each named rating looks like. */
    ratings: z.object({ strong: sentence, solid: sentence, developing: sentence, "not-shown": sentence }).strict(),
    /** Advice when the dimension is a gap, phrased as an action. */
    improve: sentence,
    /** Praise when the dimension is a strength, phrased about what the candidate did. */
    praise: sentence,
  })
  .strict();
export type Dimension = z.infer<typeof DimensionSchema>;
export const DimensionsFileSchema = z
  .object({ dimensions: z.array(DimensionSchema).length(DIMENSION_IDS.length) })
  .strict();

// ---------------------------------------------------------------- red flags (general and per problem)

export const RedFlagSchema = z
  .object({
    id,
    description: sentence,
    /** Raised at the end when this holds over the whole transcript. */
    when: TriggerSchema,
    /** Dimension the flag weighs against. */
    dimension: DimensionIdSchema,
    advice: sentence,
  })
  .strict();
export type RedFlag = z.infer<typeof RedFlagSchema>;
export const RedFlagsFileSchema = z.object({ redFlags: z.array(RedFlagSchema).min(1) }).strict();

// ---------------------------------------------------------------- rubric/probes.yaml

export const ProbeSchema = z
  .object({
    id,
    /** What the probe tests, for summaries and prompts. */
    topic: text,
    when: TriggerSchema,
    question: sentence,
  })
  .strict();
export type Probe = z.infer<typeof ProbeSchema>;
export const ProbesFileSchema = z.object({ probes: z.array(ProbeSchema).min(1) }).strict();

// ---------------------------------------------------------------- rubric/guiding-questions.yaml

export const GuidingQuestionSchema = z
  .object({
    id,
    question: sentence,
    area: AreaIdSchema,
    phases: z.array(HintedPhaseSchema).min(1),
  })
  .strict();
export type GuidingQuestion = z.infer<typeof GuidingQuestionSchema>;
export const GuidingQuestionsFileSchema = z
  .object({ guidingQuestions: z.array(GuidingQuestionSchema).min(4) })
  .strict();

// ---------------------------------------------------------------- rubric/resources.yaml

export const ResourceSchema = z
  .object({
    id,
    title: text,
    author: text,
    /** Why it helps, in one line. */
    why: sentence,
    /** The gaps it addresses: dimension ids and/or area ids. */
    gaps: z.array(z.union([DimensionIdSchema, AreaIdSchema])).min(1),
  })
  .strict();
export type Resource = z.infer<typeof ResourceSchema>;
export const ResourcesFileSchema = z.object({ resources: z.array(ResourceSchema).min(3) }).strict();

// ---------------------------------------------------------------- problems/<id>.yaml

export const HintLadderSchema = z
  .array(sentence)
  .length(4, "needs exactly four rungs: nudge, direction, approach, full architecture");

/** Problem ids travel in button ids (Discord allows 100 characters for the whole custom_id). */
const problemId = id.max(48, "must be at most 48 characters");

export const ProblemSchema = z
  .object({
    id: problemId,
    title: text,
    aliases: z.array(problemId).min(1),
    levels: z.array(LevelSchema).min(1),
    /** Domain words a candidate might name when asked for their domain ("payments", "search"). */
    domains: z.array(text).min(1),
    statement: z
      .object({
        prompt: sentence,
        objective: sentence,
        data: z.array(sentence).min(2),
        scale: z.array(sentence).min(1),
        constraints: z.array(sentence).min(1),
      })
      .strict(),
    hints: z.record(HintedPhaseSchema, HintLadderSchema).refine(
      (hints) => HintedPhaseSchema.options.every((phase) => phase in hints),
      { message: `needs a ladder for each of ${HintedPhaseSchema.options.join(", ")}` },
    ),
    /** Concepts a complete answer to this problem mentions; used for coverage and probes. */
    keyConcepts: z.array(id).min(4),
    /** Harder constraints for a strong candidate, one at a time. */
    followUps: z.array(z.object({ constraint: sentence, question: sentence }).strict()).min(2),
    /** Easier framings for a candidate who is struggling. */
    simplifications: z.array(sentence).min(1),
    deepDives: z
      .array(z.object({ area: AreaIdSchema, title: text, questions: z.array(sentence).min(2) }).strict())
      .min(2),
    redFlags: z.array(RedFlagSchema).min(1),
    /** What kind of problem this is, which decides where a general misconception applies. */
    traits: z.array(TraitSchema).default([]),
    /** Wrong ideas specific to this problem, on top of rubric/misconceptions.yaml. */
    misconceptions: z.array(MisconceptionSchema).default([]),
  })
  .strict()
  .refine((problem) => problemChoiceName(problem).length <= DISPLAY_LIMITS.problemChoice, {
    path: ["title"],
    message: `with the id, as the problem chooser lists it ("<title> (<id>)"), must be at most ${DISPLAY_LIMITS.problemChoice} characters: a Discord autocomplete choice holds no more`,
  });
export type Problem = z.infer<typeof ProblemSchema>;
export type HintLadder = z.infer<typeof HintLadderSchema>;

// ---------------------------------------------------------------- rubric/interviewer.yaml

export const InterviewerFileSchema = z
  .object({
    persona: z.object({ role: sentence, tone: sentence, approach: sentence }).strict(),
    rules: z.array(z.object({ id, rule: sentence }).strict()).min(3),
  })
  .strict();
export type InterviewerGuide = z.infer<typeof InterviewerFileSchema>;
