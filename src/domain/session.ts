import { z } from "zod";
import { AssessmentSchema, FindingSchema } from "./finding.js";
import { FocusSchema } from "./focus.js";
import { LevelSchema } from "../content/levels.js";
import { HintedPhaseSchema, PhaseSchema } from "../content/phases.js";

export const SESSION_SCHEMA_VERSION = 1;

export const DifficultySchema = z.enum(["gentle", "standard", "stretch"]);
export type Difficulty = z.infer<typeof DifficultySchema>;

/** What an interviewer line was for; lets summaries and prompts tell hints from questions. */
export const EntryKindSchema = z.enum([
  "greeting",
  "question",
  "presentation",
  "probe",
  "challenge",
  "guiding",
  "hint",
  "follow-up",
  "simplification",
  "nudge",
  "transition",
  "notice",
  "closing",
  "answer",
  "command",
]);
export type EntryKind = z.infer<typeof EntryKindSchema>;

export const TranscriptEntrySchema = z.object({
  role: z.enum(["interviewer", "candidate"]),
  kind: EntryKindSchema,
  text: z.string(),
  phase: PhaseSchema,
  /** Epoch milliseconds. */
  at: z.number().int(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

export const CandidateSchema = z.object({
  /** Platform-qualified user id (`slack:T1:U1`, `discord:123`, `terminal:alice`). */
  id: z.string().min(1),
  name: z.string().min(1),
});
export type Candidate = z.infer<typeof CandidateSchema>;

/**
 * What the interviewer behind the port reported: LLM usage, consecutive failures, whether the
 * interview continues offline, and its judgement of the phase. Defaults keep older sessions valid.
 */
export const InterviewerStateSchema = z.object({
  offline: z.boolean().default(false),
  failures: z.number().int().min(0).default(0),
  promptTokens: z.number().int().min(0).default(0),
  completionTokens: z.number().int().min(0).default(0),
  /** The phase the LLM last judged complete; the engine weighs it with its own coverage. */
  goalMetIn: PhaseSchema.nullable().default(null),
});
export type InterviewerState = z.infer<typeof InterviewerStateSchema>;

export const SessionSchema = z.object({
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  /** The interview's own id: colon-free, so queue job ids can be derived from it. */
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  /** Where the interview lives (`slack:<team>:<channel>:<thread_ts>`, `terminal:<pid>`, …). */
  threadKey: z.string().min(1),
  candidate: CandidateSchema,
  level: LevelSchema.nullable(),
  domain: z.string().nullable(),
  problemId: z.string().nullable(),
  phase: PhaseSchema,
  difficulty: DifficultySchema,
  startedAt: z.number().int(),
  phaseStartedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  /** Highest hint rung shown per phase (0 = none yet). */
  hintRungs: z.partialRecord(HintedPhaseSchema, z.number().int().min(0).max(4)),
  followUpsGiven: z.number().int().min(0),
  simplificationsGiven: z.number().int().min(0),
  probesAsked: z.array(z.string()),
  guidingAsked: z.array(z.string()),
  areasAsked: z.array(z.string()),
  deepDiveQuestionsAsked: z.array(z.string()),
  /** Phases in which the pacing nudge was already given. */
  nudged: z.array(PhaseSchema),
  /** Candidate turns in the current phase. */
  phaseTurns: z.number().int().min(0),
  levelAttempts: z.number().int().min(0),
  weakStreak: z.number().int().min(0),
  strongStreak: z.number().int().min(0),
  transcript: z.array(TranscriptEntrySchema),
  /**
   * What a focused follow-up aims at (`/mock-interview focus`); absent for an ordinary interview.
   * Optional rather than defaulted, so sessions stored before it read back exactly as they were.
   */
  focus: FocusSchema.optional(),
  interviewer: InterviewerStateSchema.default({ offline: false, failures: 0, promptTokens: 0, completionTokens: 0, goalMetIn: null }),
  /** Claims the interviewer pushed back on (or will), and whether the candidate revised them. */
  findings: z.array(FindingSchema).default([]),
  /** The model's verified judgements of claims, passed on to the summary. */
  assessments: z.array(AssessmentSchema).default([]),
});
export type Session = z.infer<typeof SessionSchema>;

/** The candidate's answers (not their commands), in order. */
export function candidateAnswers(session: Pick<Session, "transcript">): TranscriptEntry[] {
  return session.transcript.filter((entry) => entry.role === "candidate" && entry.kind === "answer");
}
