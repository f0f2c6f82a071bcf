import { SESSION_SCHEMA_VERSION, type Session } from "../../src/domain/session.js";

/** 2 Nov 2026, 10:00 UTC: when fixture interviews start unless told otherwise. */
export const FIXTURE_START = Date.parse("2026-11-02T10:00:00Z");

/**
 * A valid stored session for storage tests: Ada's senior fraud interview in requirements, greeted
 * and nothing more. `overrides` set what the test is about.
 */
export function sessionFixture(overrides: Partial<Session> & Pick<Session, "id" | "threadKey">): Session {
  const at = overrides.startedAt ?? FIXTURE_START;
  return {
    schemaVersion: SESSION_SCHEMA_VERSION,
    candidate: { id: "test:U1", name: "Ada" },
    level: "senior",
    domain: null,
    problemId: "fraud",
    phase: "requirements",
    difficulty: "standard",
    startedAt: at,
    phaseStartedAt: at,
    endedAt: null,
    findings: [],
    assessments: [],
    hintRungs: {},
    followUpsGiven: 0,
    simplificationsGiven: 0,
    probesAsked: [],
    guidingAsked: [],
    areasAsked: [],
    deepDiveQuestionsAsked: [],
    nudged: [],
    phaseTurns: 0,
    levelAttempts: 0,
    weakStreak: 0,
    strongStreak: 0,
    transcript: [{ role: "interviewer", kind: "greeting", text: "Hi Ada", phase: "selection", at }],
    interviewer: { offline: false, failures: 0, promptTokens: 0, completionTokens: 0, goalMetIn: null },
    ...overrides,
  };
}
