import { ConceptMatcher } from "../analysis/concepts.js";
import { ProblemBank } from "../content/bank.js";
import { checkProblemReferences, loadProblems, loadRubric, type Rubric } from "../content/load.js";

/** The content an engine decides with: the bank, the rubric and the matcher compiled from it. */
export interface Content {
  bank: ProblemBank;
  rubric: Rubric;
  matcher: ConceptMatcher;
}

/** Loads and cross-checks problems/ and rubric/; throws a ContentError naming the bad file and field. */
export function loadContent(dirs: { problems?: string | undefined; rubric?: string | undefined } = {}): Content {
  const rubric = loadRubric(dirs.rubric);
  const problems = loadProblems(dirs.problems);
  checkProblemReferences(problems, rubric, dirs.problems);
  return { bank: new ProblemBank(problems), rubric, matcher: new ConceptMatcher(rubric.concepts) };
}
