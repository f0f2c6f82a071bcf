// Validates whatever content exists so far: `npx tsx scripts/check-content.ts [problems|rubric|all]`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_RUBRIC_DIR, checkProblemReferences, loadDataFile, loadProblems, loadRubric, RUBRIC_FILES } from "../src/content/load.js";
import { ConceptsFileSchema, MisconceptionsFileSchema } from "../src/content/schemas.js";
import { isAppError } from "../src/core/errors.js";

const what = process.argv[2] ?? "all";
try {
  if (what === "problems" || what === "all") {
    const problems = loadProblems();
    const concepts = loadDataFile(join(DEFAULT_RUBRIC_DIR, "concepts.yaml"), ConceptsFileSchema).concepts;
    const misconceptions = loadDataFile(join(DEFAULT_RUBRIC_DIR, "misconceptions.yaml"), MisconceptionsFileSchema).misconceptions;
    checkProblemReferences(problems, { concepts, misconceptions });
    console.log(`problems ok: ${problems.map((problem) => problem.id).join(", ")}`);
  }
  if (what === "rubric" || what === "all") {
    const missing = Object.values(RUBRIC_FILES).map(([name]) => name).filter((name) => !existsSync(join(DEFAULT_RUBRIC_DIR, name)));
    if (missing.length) console.log(`rubric files still missing: ${missing.join(", ")}`);
    else console.log(`rubric ok: ${loadRubric().concepts.length} concepts`);
  }
} catch (error) {
  console.error(isAppError(error) ? error.message : error);
  process.exit(1);
}
