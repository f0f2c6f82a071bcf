import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import { ContentError } from "../core/errors.js";
import {
  ConceptsFileSchema,
  DimensionsFileSchema,
  FrameworkFileSchema,
  GuidingQuestionsFileSchema,
  InterviewerFileSchema,
  MisconceptionsFileSchema,
  ProbesFileSchema,
  ProblemSchema,
  RedFlagsFileSchema,
  ResourcesFileSchema,
  type Problem,
  type Trigger,
} from "./schemas.js";

const DATA_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
/** Which file each loaded problem came from, for error messages that name it. */
const sourceFiles = new WeakMap<Problem, string>();

/**
 * The folder holding package.json, found from this file: src/content when run through tsx,
 * dist/src/content when compiled, so the bundled data is found either way.
 */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return join(from, "..", "..");
  }
}

/** Where the bundled data lives; overridable so tests and operators can point at their own. */
export const DEFAULT_PROBLEMS_DIR = join(packageRoot(import.meta.dirname), "problems");
export const DEFAULT_RUBRIC_DIR = join(packageRoot(import.meta.dirname), "rubric");

function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown.startsWith("..") ? file : shown;
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index ? "." : ""}${String(part)}`)).join("");
}

/** Reads and validates one data file; the error names the file and the first offending field. */
export function loadDataFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    const source = readFileSync(file, "utf8");
    raw = extname(file) === ".json" ? JSON.parse(source) : parseYaml(source);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : "";
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ContentError(`${displayPath(file)}${where}: cannot be parsed: ${reason}`, { cause: error });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? formatIssuePath(issue.path) : "(unknown field)";
    throw new ContentError(`${displayPath(file)}: ${field}: ${issue?.message ?? "is invalid"}`);
  }
  return result.data;
}

/** Loads every problem file in `dir`, sorted by file name; a file's id must match its name. */
export function loadProblems(dir: string = DEFAULT_PROBLEMS_DIR): Problem[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => DATA_EXTENSIONS.has(extname(name))).sort();
  } catch (error) {
    throw new ContentError(`${displayPath(dir)}: the problem folder cannot be read`, { cause: error });
  }
  if (files.length === 0) throw new ContentError(`${displayPath(dir)}: holds no problem files`);
  const problems = files.map((name) => {
    const file = join(dir, name);
    const problem = loadDataFile(file, ProblemSchema);
    const stem = basename(name, extname(name));
    if (problem.id !== stem) {
      throw new ContentError(`${displayPath(file)}: id: is "${problem.id}" but must match the file name "${stem}"`);
    }
    sourceFiles.set(problem, file);
    return problem;
  });
  const seen = new Map<string, string>();
  for (const problem of problems) {
    for (const name of [problem.id, ...problem.aliases]) {
      const owner = seen.get(name);
      if (owner) {
        throw new ContentError(`${sourceOf(problem, dir)}: aliases: "${name}" is already used by problem "${owner}"`);
      }
      seen.set(name, problem.id);
    }
  }
  return problems;
}

export const RUBRIC_FILES = {
  concepts: ["concepts.yaml", ConceptsFileSchema],
  framework: ["framework.yaml", FrameworkFileSchema],
  dimensions: ["dimensions.yaml", DimensionsFileSchema],
  redFlags: ["red-flags.yaml", RedFlagsFileSchema],
  probes: ["probes.yaml", ProbesFileSchema],
  guidingQuestions: ["guiding-questions.yaml", GuidingQuestionsFileSchema],
  resources: ["resources.yaml", ResourcesFileSchema],
  interviewer: ["interviewer.yaml", InterviewerFileSchema],
  misconceptions: ["misconceptions.yaml", MisconceptionsFileSchema],
} as const;

/** Everything in rubric/, validated and cross-checked. */
export interface Rubric {
  concepts: z.infer<typeof ConceptsFileSchema>["concepts"];
  areas: z.infer<typeof FrameworkFileSchema>["areas"];
  dimensions: z.infer<typeof DimensionsFileSchema>["dimensions"];
  redFlags: z.infer<typeof RedFlagsFileSchema>["redFlags"];
  probes: z.infer<typeof ProbesFileSchema>["probes"];
  guidingQuestions: z.infer<typeof GuidingQuestionsFileSchema>["guidingQuestions"];
  resources: z.infer<typeof ResourcesFileSchema>["resources"];
  interviewer: z.infer<typeof InterviewerFileSchema>;
  misconceptions: z.infer<typeof MisconceptionsFileSchema>["misconceptions"];
}

export function loadRubric(dir: string = DEFAULT_RUBRIC_DIR): Rubric {
  const read = <S extends z.ZodType>([name, schema]: readonly [string, S]): z.infer<S> =>
    loadDataFile(join(dir, name), schema);
  const rubric: Rubric = {
    concepts: read(RUBRIC_FILES.concepts).concepts,
    areas: read(RUBRIC_FILES.framework).areas,
    dimensions: read(RUBRIC_FILES.dimensions).dimensions,
    redFlags: read(RUBRIC_FILES.redFlags).redFlags,
    probes: read(RUBRIC_FILES.probes).probes,
    guidingQuestions: read(RUBRIC_FILES.guidingQuestions).guidingQuestions,
    resources: read(RUBRIC_FILES.resources).resources,
    interviewer: read(RUBRIC_FILES.interviewer),
    misconceptions: read(RUBRIC_FILES.misconceptions).misconceptions,
  };
  const conceptIds = new Set<string>();
  for (const concept of rubric.concepts) {
    if (conceptIds.has(concept.id)) {
      throw new ContentError(`${displayPath(join(dir, RUBRIC_FILES.concepts[0]))}: concepts: duplicate id "${concept.id}"`);
    }
    conceptIds.add(concept.id);
  }
  const check = (file: string, field: string, ids: readonly string[]) => {
    const unknown = ids.find((conceptId) => !conceptIds.has(conceptId));
    if (unknown) {
      throw new ContentError(`${displayPath(join(dir, file))}: ${field}: unknown concept "${unknown}"`);
    }
  };
  rubric.dimensions.forEach((dimension, index) => check(RUBRIC_FILES.dimensions[0], `dimensions[${index}].signals`, dimension.signals));
  const dimensionIds = new Set<string>();
  rubric.dimensions.forEach((dimension, index) => {
    if (dimensionIds.has(dimension.id)) throw new ContentError(`${displayPath(join(dir, RUBRIC_FILES.dimensions[0]))}: dimensions[${index}].id: duplicate id "${dimension.id}"`);
    dimensionIds.add(dimension.id);
  });
  const checkDimension = (file: string, field: string, dimension: string) => {
    if (!dimensionIds.has(dimension)) throw new ContentError(`${displayPath(join(dir, file))}: ${field}: unknown dimension "${dimension}" (dimensions.yaml has ${[...dimensionIds].join(", ")})`);
  };
  rubric.redFlags.forEach((flag, index) => checkDimension(RUBRIC_FILES.redFlags[0], `redFlags[${index}].dimension`, flag.dimension));
  rubric.misconceptions.forEach((misconception, index) => checkDimension(RUBRIC_FILES.misconceptions[0], `misconceptions[${index}].dimension`, misconception.dimension));
  const areaIds = new Set<string>(rubric.areas.map((area) => area.id));
  rubric.resources.forEach((resource, index) =>
    resource.gaps.forEach((gap, gapIndex) => {
      if (!dimensionIds.has(gap) && !areaIds.has(gap)) {
        throw new ContentError(`${displayPath(join(dir, RUBRIC_FILES.resources[0]))}: resources[${index}].gaps[${gapIndex}]: "${gap}" is neither a dimension nor a framework area`);
      }
    }),
  );
  rubric.redFlags.forEach((flag, index) => check(RUBRIC_FILES.redFlags[0], `redFlags[${index}].when`, triggerConcepts(flag.when)));
  rubric.probes.forEach((probe, index) => check(RUBRIC_FILES.probes[0], `probes[${index}].when`, triggerConcepts(probe.when)));
  const misconceptionIds = new Set<string>();
  rubric.misconceptions.forEach((misconception, index) => {
    if (misconceptionIds.has(misconception.id)) {
      throw new ContentError(`${displayPath(join(dir, RUBRIC_FILES.misconceptions[0]))}: misconceptions: duplicate id "${misconception.id}"`);
    }
    misconceptionIds.add(misconception.id);
    check(RUBRIC_FILES.misconceptions[0], `misconceptions[${index}].recognise.rejects`, misconception.recognise.rejects);
    check(RUBRIC_FILES.misconceptions[0], `misconceptions[${index}].revisedBy`, misconception.revisedBy);
  });
  return rubric;
}

function sourceOf(problem: Problem, dir: string): string {
  return displayPath(sourceFiles.get(problem) ?? join(dir, `${problem.id}.yaml`));
}

export function triggerConcepts(trigger: Trigger): string[] {
  return [...trigger.all, ...trigger.any, ...trigger.none];
}

/** Checks that every concept a problem names exists in the rubric. */
export function checkProblemReferences(problems: readonly Problem[], rubric: Pick<Rubric, "concepts" | "misconceptions" | "dimensions">, dir: string = DEFAULT_PROBLEMS_DIR): void {
  const conceptIds = new Set(rubric.concepts.map((concept) => concept.id));
  const dimensionIds = new Set(rubric.dimensions.map((dimension) => dimension.id));
  const unknownDimension = (dimension: string) => (dimensionIds.has(dimension) ? undefined : `unknown dimension "${dimension}" (rubric/dimensions.yaml has ${[...dimensionIds].join(", ")})`);
  const generalIds = new Set(rubric.misconceptions.map((misconception) => misconception.id));
  for (const problem of problems) {
    const file = sourceOf(problem, dir);
    const unknownKey = problem.keyConcepts.find((conceptId) => !conceptIds.has(conceptId));
    if (unknownKey) throw new ContentError(`${file}: keyConcepts: unknown concept "${unknownKey}"`);
    problem.redFlags.forEach((flag, index) => {
      const unknown = triggerConcepts(flag.when).find((conceptId) => !conceptIds.has(conceptId));
      if (unknown) throw new ContentError(`${file}: redFlags[${index}].when: unknown concept "${unknown}"`);
      const dimension = unknownDimension(flag.dimension);
      if (dimension) throw new ContentError(`${file}: redFlags[${index}].dimension: ${dimension}`);
    });
    problem.misconceptions.forEach((misconception, index) => {
      if (generalIds.has(misconception.id)) {
        throw new ContentError(`${file}: misconceptions[${index}].id: "${misconception.id}" is already a general misconception in rubric/misconceptions.yaml`);
      }
      const unknown = [...misconception.recognise.rejects, ...misconception.revisedBy].find((conceptId) => !conceptIds.has(conceptId));
      if (unknown) throw new ContentError(`${file}: misconceptions[${index}]: unknown concept "${unknown}"`);
      const dimension = unknownDimension(misconception.dimension);
      if (dimension) throw new ContentError(`${file}: misconceptions[${index}].dimension: ${dimension}`);
      const unknownReplaced = misconception.replaces.find((replaced) => !generalIds.has(replaced));
      if (unknownReplaced) throw new ContentError(`${file}: misconceptions[${index}].replaces: unknown misconception "${unknownReplaced}"`);
    });
  }
}
