import { describe, expect, test } from "@jest/globals";
import { RATINGS, type DimensionId } from "../../../src/content/schemas.js";
import { loadContent } from "../../../src/engine/context.js";
import type { ReviewForm } from "../../../src/features/team/port.js";
import { ADAPTERS } from "./platforms.js";
import { SAMPLES } from "./samples.js";

/**
 * The adapter contract, for Slack, Discord and the terminal alike: a thread key reads back as the
 * thread it was made from and no adapter reads another's keys, and every kind of message, at any
 * size and holding anything a user could type, renders within what the platform can show.
 */

const { rubric } = loadContent();
const allKeys = ADAPTERS.flatMap((adapter) => adapter.keys.map(({ key }) => ({ owner: adapter.name, key })));

function formWith(count: number): ReviewForm {
  const dimensions = Array.from({ length: count }, (_, index) => {
    const known = rubric.dimensions[index];
    // Past the rubric's own, made-up ids: the forms only pass ids through (the content schema still closes them).
    return known ? { id: known.id, title: known.title } : { id: `dimension-${index + 1}` as DimensionId, title: `Dimension ${index + 1} ${"t".repeat(60)}` };
  });
  return { threadKey: "slack:T0FAKE:C0GENERAL:1732291201.000100", interviewId: "4c1f0b8e-6f2a-4f0e-9a57-0d6f7f3b2a11", candidateName: "Ada Lovelace-Byron, Principal Machine Learning Engineer", problemTitle: "Real-time fraud detection", dimensions, ratings: RATINGS, existing: null };
}

describe.each(ADAPTERS)("the $name adapter", (adapter) => {
  test("a thread key reads back as the thread it was made from, and encodes again to the same key", () => {
    for (const { key, decoded } of adapter.keys) {
      expect(adapter.decode(key)).toEqual(decoded);
      expect(adapter.encode(adapter.decode(key))).toBe(key);
    }
  });

  test("keys of other platforms, and malformed keys of its own, are refused", () => {
    const foreign = allKeys.filter(({ owner }) => owner !== adapter.name).map(({ key }) => key);
    const malformed = adapter.keys.flatMap(({ key }) => [`${key}:extra`, key.split(":").slice(0, -1).join(":"), ""]);
    for (const key of [...foreign, ...malformed]) expect(() => adapter.decode(key)).toThrow(RangeError);
  });

  test.each(SAMPLES)("$name renders within the platform's limits", ({ message }) => {
    expect(adapter.renderingViolations(message)).toEqual([]);
  });

  const drawsForms = adapter.formViolations;
  if (drawsForms) {
    test.each([1, 6, 7, 13, 40])("a review form of %i dimensions fits the platform's widgets", (count) => {
      expect(drawsForms(formWith(count))).toEqual([]);
    });
  }
});
