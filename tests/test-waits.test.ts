import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { ROOT } from "./support/cli.js";

/**
 * Keeps "no fixed sleep decides a pass" true as tests are added. A wait on the clock is allowed
 * inside a loop (polling until a condition holds, where running out only fails the test) and
 * where its comment says it is pacing, not a verdict (a fake being slow, a deadline made to pass).
 * Anything else is a sleep after which a test asserts: prove absence with a sentinel instead (see
 * tests/support/sentinels.ts).
 */

const PACING = /Pacing, not a verdict/;
const TESTS = join(ROOT, "tests");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `sleep(…)` (node:timers/promises as sleep) or `new Promise((resolve) => setTimeout(resolve, …))`. */
function isClockWait(node: ts.Node): boolean {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "sleep") return true;
  if (!ts.isNewExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== "Promise") return false;
  const [executor] = node.arguments ?? [];
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return false;
  const [resolve] = executor.parameters;
  const body = executor.body;
  const call = ts.isCallExpression(body) ? body : undefined;
  return Boolean(resolve && call && ts.isIdentifier(call.expression) && call.expression.text === "setTimeout" && call.arguments[0]?.getText() === resolve.name.getText());
}

function insideLoop(node: ts.Node): boolean {
  for (let at = node.parent; at && !ts.isFunctionLike(at); at = at.parent) {
    if (ts.isForStatement(at) || ts.isForOfStatement(at) || ts.isForInStatement(at) || ts.isWhileStatement(at) || ts.isDoStatement(at)) return true;
  }
  return false;
}

function statementOf(node: ts.Node): ts.Node {
  let at: ts.Node = node;
  while (at.parent && !ts.isBlock(at.parent) && !ts.isSourceFile(at.parent)) at = at.parent;
  return at;
}

function fixedWaits(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (isClockWait(node) && !insideLoop(node)) {
      const statement = statementOf(node);
      const comments = (ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []).map((range) => text.slice(range.pos, range.end)).join("\n");
      if (!PACING.test(comments)) found.push(`${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("tests wait for a sentinel, not the clock", () => {
  test("no fixed sleep outside a polling loop, unless it says it is pacing", () => {
    expect(sourceFiles(TESTS).flatMap(fixedWaits)).toEqual([]);
  });

  test("the check finds a sleep after which a test asserts", () => {
    const probe = join(TESTS, "support", "sentinels.ts");
    const text = "async function t() { await sleep(800); expect(1).toBe(1); }\nasync function p() { for (;;) await sleep(25); }\n";
    const source = ts.createSourceFile(probe, text, ts.ScriptTarget.Latest, true);
    const waits: boolean[] = [];
    const visit = (node: ts.Node) => {
      if (isClockWait(node)) waits.push(insideLoop(node));
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(waits).toEqual([false, true]);
  });
});
