import { afterAll, describe, expect, test } from "@jest/globals";
import { loadProblems, loadRubric } from "../../src/content/load.js";
import { AREA_IDS, DIMENSION_IDS, RATINGS } from "../../src/content/schemas.js";
import { loadContent } from "../../src/engine/context.js";
import { HINTED_PHASES } from "../../src/content/phases.js";
import { ContentError } from "../../src/core/errors.js";
import { brokenCopy, copyWithText, removeCopies } from "../support/content-fixtures.js";

afterAll(removeCopies);

const REQUIRED_IDS = [
  "video-recs",
  "ecommerce-recs",
  "fraud",
  "search-ranking",
  "ads-bidding",
  "content-moderation",
  "dynamic-pricing",
  "news-feed",
  "spam",
  "model-serving",
  "automl",
  "realtime-pipeline",
];

describe("the bundled problem bank", () => {
  const { bank } = loadContent();

  test("has every required problem, each with aliases and levels", () => {
    expect(bank.ids).toEqual(expect.arrayContaining(REQUIRED_IDS));
    for (const problem of bank.problems) {
      expect(problem.aliases.length).toBeGreaterThan(0);
      expect(problem.levels.length).toBeGreaterThan(0);
    }
  });

  test("gives every main phase of every problem a four-rung ladder, each rung distinct", () => {
    for (const problem of bank.problems) {
      for (const phase of HINTED_PHASES) {
        const ladder = problem.hints[phase];
        expect(ladder).toHaveLength(4);
        expect(new Set(ladder).size).toBe(4);
      }
    }
  });

  test("uses the seeds' scale numbers where they give them", () => {
    const fraud = bank.resolve("fraud-detection");
    expect(fraud.statement.prompt).toMatch(/10,000 transactions per second/);
    expect(JSON.stringify(fraud.statement)).toMatch(/100 ?ms/);
    expect(JSON.stringify(bank.resolve("ecommerce-recs").statement)).toMatch(/50 million/i);
  });

  test("has a problem for every level", () => {
    for (const level of ["junior", "mid", "senior", "staff"] as const) expect(bank.forLevel(level).length).toBeGreaterThan(0);
  });
});

describe("the bundled rubric", () => {
  const rubric = loadRubric();

  test("rates every dimension with the four named ratings and no numbers", () => {
    expect(rubric.dimensions.map((dimension) => dimension.id)).toEqual([...DIMENSION_IDS]);
    for (const dimension of rubric.dimensions) {
      expect(Object.keys(dimension.ratings).sort()).toEqual([...RATINGS].sort());
      for (const line of Object.values(dimension.ratings)) expect(line).not.toMatch(/\b\d+\s*(\/|out of)\s*\d+\b|score of/i);
    }
  });

  test("covers every framework area and points every gap at a resource", () => {
    expect(rubric.areas.map((area) => area.id).sort()).toEqual([...AREA_IDS].sort());
    const gaps = new Set(rubric.resources.flatMap((resource) => resource.gaps));
    for (const id of [...DIMENSION_IDS, ...AREA_IDS]) expect(gaps).toContain(id);
  });

  test("has guiding questions for every phase with a hint ladder", () => {
    for (const phase of HINTED_PHASES) {
      expect(rubric.guidingQuestions.filter((question) => question.phases.includes(phase)).length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("a bad data file is rejected with its file and field named", () => {
  const expectContentError = (load: () => unknown, message: RegExp) => {
    let caught: unknown;
    try {
      load();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContentError);
    expect((caught as Error).message).toMatch(message);
  };

  test("a hint ladder with three rungs", () => {
    const dir = brokenCopy("problems", "fraud.yaml", (problem) => {
      (problem.hints as Record<string, string[]>).scaling?.pop();
    });
    expectContentError(() => loadProblems(dir), /fraud\.yaml: hints\.scaling: needs exactly four rungs/);
  });

  test("a missing field", () => {
    const dir = brokenCopy("problems", "spam.yaml", (problem) => {
      delete (problem.statement as Record<string, unknown>).objective;
    });
    expectContentError(() => loadProblems(dir), /spam\.yaml: statement\.objective: /);
  });

  test("an id that does not match the file name", () => {
    const dir = brokenCopy("problems", "automl.yaml", (problem) => {
      problem.id = "auto-ml-platform";
    });
    expectContentError(() => loadProblems(dir), /automl\.yaml: id: is "auto-ml-platform" but must match the file name "automl"/);
  });

  test("an alias already used by another problem", () => {
    const dir = brokenCopy("problems", "spam.yaml", (problem) => {
      problem.aliases = ["fraud-detection"];
    });
    expectContentError(() => loadProblems(dir), /aliases: "fraud-detection" is already used by problem/);
  });

  test("an alias too long to fit in a button's id", () => {
    const dir = brokenCopy("problems", "spam.yaml", (problem) => {
      problem.aliases = ["a-very-long-alias-for-email-spam-detection-in-a-large-provider"];
    });
    expectContentError(() => loadProblems(dir), /spam\.yaml: aliases\[0\]: must be at most 48 characters/);
  });

  test("a level that does not exist", () => {
    const dir = brokenCopy("problems", "news-feed.yaml", (problem) => {
      problem.levels = ["senior", "wizard"];
    });
    expectContentError(() => loadProblems(dir), /news-feed\.yaml: levels\[1\]: /);
  });

  test("a problem naming a concept the rubric does not know", () => {
    const dir = brokenCopy("problems", "fraud.yaml", (problem) => {
      problem.keyConcepts = ["feature-store", "blockchain", "drift", "monitoring"];
    });
    expectContentError(() => loadContent({ problems: dir }), /fraud\.yaml: keyConcepts: unknown concept "blockchain"/);
  });

  test("a YAML syntax error gives the line", () => {
    const dir = copyWithText("problems", "fraud.yaml", "id: fraud\ntitle: [unclosed\n");
    expectContentError(() => loadProblems(dir), /fraud\.yaml \(line \d+\): cannot be parsed/);
  });

  test("a concept pattern that is not a valid regular expression", () => {
    const dir = brokenCopy("rubric", "concepts.yaml", (file) => {
      const concepts = file.concepts as Array<{ patterns: string[] }>;
      concepts[0]?.patterns.push("(unclosed");
    });
    expectContentError(() => loadRubric(dir), /concepts\.yaml: concepts\[0\]\.patterns\[\d+\]: is not a valid regular expression/);
  });

  test("a dimension title too long for the review form's rating options", () => {
    const dir = brokenCopy("rubric", "dimensions.yaml", (file) => {
      const dimensions = file.dimensions as Array<{ title: string }>;
      if (dimensions[1]) dimensions[1].title = "Machine learning systems design, from the data pipeline and feature store to serving";
    });
    expectContentError(() => loadRubric(dir), /dimensions\.yaml: dimensions\[1\]\.title: must be at most 80 characters: the review form's rating options read "<title>: <rating>"/);
  });

  test("a problem title that, with its id, is longer than a Discord autocomplete choice", () => {
    const dir = brokenCopy("problems", "fraud.yaml", (problem) => {
      problem.title = "Real-time fraud detection for a global card payment platform with chargebacks, disputes and manual review";
    });
    expectContentError(() => loadProblems(dir), /fraud\.yaml: title: with the id, as the problem chooser lists it \("<title> \(<id>\)"\), must be at most 100 characters/);
  });

  test("a dimension missing one of the named ratings", () => {
    const dir = brokenCopy("rubric", "dimensions.yaml", (file) => {
      const dimensions = file.dimensions as Array<{ ratings: Record<string, string> }>;
      delete dimensions[2]?.ratings.developing;
    });
    expectContentError(() => loadRubric(dir), /dimensions\.yaml: dimensions\[2\]\.ratings\.developing: /);
  });
});
