import { afterEach, describe, expect, test } from "@jest/globals";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../../src/core/clock.js";
import { defaultDataDir, resolveDataDir } from "../../src/infra/embedded/data-dir.js";
import { UnreadableDataFileError } from "../../src/infra/embedded/json-file.js";
import { SoloDirectory } from "../../src/infra/embedded/solo-directory.js";
import { TeamPracticeService } from "../../src/features/team/practice.js";
import { embeddedTeamStorage } from "../../src/infra/embedded/team-storage.js";
import { UnreadableSessionError } from "../../src/domain/storage-errors.js";
import { interview, START, storedSummary, teamOn, TTL_MS, type StorageWorld } from "./world.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const made = mkdtempSync(join(tmpdir(), "mock-interview-data-"));
  folders.push(made);
  return made;
}

/** A terminal run on `dataDir`: the embedded storage as the terminal builds it, with a clock the test moves. */
function run(dataDir: string, time = START): StorageWorld & { clock: { time: number } & Clock } {
  const clock = { time, now: () => clock.time };
  const storage = embeddedTeamStorage({ dataDir, clock, ttlMs: TTL_MS });
  return { ...storage, clock, elapse: async (ms) => void (clock.time += ms), close: async () => undefined };
}

describe("the embedded store on disk", () => {
  test("history, scorecards and reviews survive a restart: the next run on the same folder reads them back", async () => {
    const dataDir = folder();
    const first = run(dataDir);
    const saved = await interview(first, { id: "i1", threadKey: "terminal:local:1" });
    await first.archive.save(storedSummary(saved));
    await first.reviews.put(saved.threadKey, saved.id, { reviewer: "test:U2", ratings: {}, comments: {}, notes: "Good.", createdAt: START, updatedAt: START });

    const next = run(dataDir, START + 60_000);

    expect(await next.store.getInterview(saved.threadKey, saved.id)).toEqual(saved);
    expect((await next.store.listForCandidate("test:U1")).map((session) => session.id)).toEqual(["i1"]);
    expect(await next.archive.get(saved.threadKey, saved.id)).toEqual(storedSummary(saved));
    expect((await next.reviews.all(saved.threadKey, saved.id)).map((review) => review.notes)).toEqual(["Good."]);
    const { deps } = teamOn(next);
    const history = await new TeamPracticeService({ ...deps, directory: new SoloDirectory() }).history("test:U1");
    // Listed with its ratings, and without a link: a terminal interview has none.
    expect(history.fields).toEqual([{ label: expect.stringContaining("senior level"), value: expect.not.stringContaining("http") }]);
    expect(history.fields?.[0]?.value).not.toBe("Scorecard pending");
  });

  test("focus and the progress chart read the scorecards of earlier runs", async () => {
    const dataDir = folder();
    const first = run(dataDir);
    for (const [index, id] of ["i1", "i2"].entries()) {
      const saved = await interview(first, { id, threadKey: `terminal:local:${id}`, startedAt: START + index });
      const stored = storedSummary(saved);
      // Communication rated weakest in both: the plan must aim there.
      stored.summary.scorecard = stored.summary.scorecard.map((row) => ({ ...row, rating: row.dimension === "communication" ? "developing" : "strong" }));
      await first.archive.save(stored);
    }

    const next = teamOn(run(dataDir, START + 60_000));
    const plan = await next.team.focus("test:U1");
    await next.team.progress("test:U1", "terminal:local");

    expect(plan.focus.dimensions).toEqual(["communication"]);
    expect(next.poster.images).toHaveLength(1);
    expect(next.poster.images[0]?.image.png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  test("two runs open on one folder at once keep each other's interviews", async () => {
    const dataDir = folder();
    const left = run(dataDir);
    const right = run(dataDir);
    await interview(left, { id: "left", threadKey: "terminal:local:left" });
    await interview(right, { id: "right", threadKey: "terminal:local:right" });

    expect((await run(dataDir).store.listForCandidate("test:U1")).map((session) => session.id).sort()).toEqual(["left", "right"]);
  });

  test("data past its lifetime is gone on the next run, as it would be from Redis", async () => {
    const dataDir = folder();
    const first = run(dataDir);
    const saved = await interview(first, { id: "old", threadKey: "terminal:local:2" });
    await first.archive.save(storedSummary(saved));

    const later = run(dataDir, START + TTL_MS + 1);

    expect(await later.store.listForCandidate("test:U1")).toEqual([]);
    expect(await later.archive.get(saved.threadKey, saved.id)).toBeNull();
  });

  test("forget-me leaves nothing of the user in the folder's files and keeps everyone else's", async () => {
    const dataDir = folder();
    const world = run(dataDir);
    const ada = await interview(world, { id: "ada-1", threadKey: "terminal:local:ada", candidate: { id: "terminal:ada", name: "Ada" } });
    await world.archive.save(storedSummary(ada));
    const bo = await interview(world, { id: "bo-1", threadKey: "terminal:local:bo", candidate: { id: "terminal:bo", name: "Bo" } });
    await world.archive.save(storedSummary(bo));

    await teamOn(world).team.forget("terminal:ada");

    const files = readdirSync(dataDir);
    const text = files.map((file) => readFileSync(join(dataDir, file), "utf8")).join("\n");
    expect(text).not.toContain("terminal:ada");
    expect(text).not.toContain("ada-1");
    expect(text).toContain("bo-1");
    expect((await run(dataDir).store.listForCandidate("terminal:bo")).map((session) => session.id)).toEqual(["bo-1"]);
  });

  test("writes leave only the stores' own files: no temporary file is left behind", async () => {
    const dataDir = folder();
    const world = run(dataDir);
    const saved = await interview(world, { id: "i1", threadKey: "terminal:local:3" });
    await world.archive.save(storedSummary(saved));
    await world.posted.record({ threadKey: saved.threadKey, interviewId: saved.id }, "summary");

    expect(readdirSync(dataDir).sort()).toEqual(["posted.json", "sessions.json", "summaries.json"]);
  });

  test("a damaged data file is a clear error naming the file, and the file is left as it was", () => {
    const dataDir = folder();
    const path = join(dataDir, "summaries.json");
    writeFileSync(path, "{ not json");

    expect(() => run(dataDir)).toThrow(UnreadableDataFileError);
    expect(() => run(dataDir)).toThrow(path);
    expect(readFileSync(path, "utf8")).toBe("{ not json");
  });

  test("a data file of the wrong shape is refused the same way, naming the entry", () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, "reviews.json"), JSON.stringify({ version: 1, entries: [["k", { expiresAt: START + 1, value: [["test:U2", { notes: 5 }]] }]] }));

    expect(() => run(dataDir)).toThrow(/reviews\.json.*entry "k"/);
  });

  test("one unreadable interview is skipped by history and reported for its own thread only", async () => {
    const dataDir = folder();
    const world = run(dataDir);
    await interview(world, { id: "good", threadKey: "terminal:local:good" });
    const file = join(dataDir, "sessions.json");
    const data = JSON.parse(readFileSync(file, "utf8")) as { version: 1; entries: Array<[string, { expiresAt: number; value: unknown }]> };
    data.entries.push(["terminal:local:bad", { expiresAt: START + TTL_MS, value: { current: "bad", interviews: [["bad", { schemaVersion: 1, candidate: { id: "test:U1", name: "Ada" } }]] } }]);
    writeFileSync(file, JSON.stringify(data));

    const next = run(dataDir);

    expect((await next.store.listForCandidate("test:U1")).map((session) => session.id)).toEqual(["good"]);
    await expect(next.store.get("terminal:local:bad")).rejects.toThrow(UnreadableSessionError);
  });
});

describe("the data folder", () => {
  test("--data DIR beats $XDG_DATA_HOME, which beats ~/.local/share", () => {
    const env = { HOME: "/home/ada", XDG_DATA_HOME: "/data/xdg" };
    expect(resolveDataDir("/tmp/mine", env)).toBe("/tmp/mine");
    expect(resolveDataDir(undefined, env)).toBe("/data/xdg/mock-interview");
    expect(defaultDataDir({ HOME: "/home/ada" })).toBe("/home/ada/.local/share/mock-interview");
  });

  test("a relative or empty XDG_DATA_HOME is ignored, as the XDG spec says", () => {
    expect(defaultDataDir({ HOME: "/home/ada", XDG_DATA_HOME: "relative/dir" })).toBe("/home/ada/.local/share/mock-interview");
    expect(defaultDataDir({ HOME: "/home/ada", XDG_DATA_HOME: "" })).toBe("/home/ada/.local/share/mock-interview");
  });

  test("a relative --data DIR is taken from the current directory", () => {
    expect(resolveDataDir("practice-data", {})).toBe(join(process.cwd(), "practice-data"));
  });
});
