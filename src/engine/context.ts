import { ClaimAnalyser } from "./analysis/claims.js";
import { ConceptMatcher } from "./analysis/concepts.js";
import { ProblemBank } from "../content/bank.js";
import { checkProblemReferences, loadProblems, loadRubric, type Rubric } from "../content/load.js";
import { MisconceptionBook } from "./judgement/misconceptions.js";

/** The content an engine decides with: the bank, the rubric and what is compiled from them. */
export interface Content {
  bank: ProblemBank;
  rubric: Rubric;
  matcher: ConceptMatcher;
  analyser: ClaimAnalyser;
  misconceptions: MisconceptionBook;
}

/** Loads and cross-checks problems/ and rubric/; throws a ContentError naming the bad file and field. */
export function loadContent(dirs: { problems?: string | undefined; rubric?: string | undefined } = {}): Content {
  const rubric = loadRubric(dirs.rubric);
  const problems = loadProblems(dirs.problems);
  checkProblemReferences(problems, rubric, dirs.problems);
  const matcher = new ConceptMatcher(rubric.concepts);
  return {
    bank: new ProblemBank(problems),
    rubric,
    matcher,
    analyser: new ClaimAnalyser(matcher),
    misconceptions: new MisconceptionBook(rubric.misconceptions, problems),
  };
}
