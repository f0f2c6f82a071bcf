import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { webApi } from "@slack/bolt";
import { SlackDirectory } from "../../../adapters/slack/directory.js";
import { SlackPoster } from "../../../adapters/slack/poster.js";
import { threadFromPermalink } from "../../../adapters/slack/thread-key.js";
import { ConfigError, DependencyDownError } from "../../../src/core/errors.js";
import { FakeSlack } from "../../fakes/slack.js";

/** A 1×1 PNG, as the progress chart would be: the signature, IHDR, IDAT and IEND. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let slack: FakeSlack;
let client: webApi.WebClient;
let channels = 0;

beforeAll(async () => {
  slack = await new FakeSlack().start();
  client = new webApi.WebClient("xoxb-test-token", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
});

afterAll(async () => {
  await slack?.stop();
});

const freshChannel = () => `C0DIR${++channels}`;
const callsFor = (method: string, channel: string) => slack.callsTo(method).filter((call) => call.body.channel === channel);

describe("SlackDirectory", () => {
  test("membership walks every page of conversations.members", async () => {
    const channel = freshChannel();
    const crowd = Array.from({ length: 450 }, (_, index) => `U0CROWD${String(index).padStart(4, "0")}`);
    slack.channel(channel, crowd);
    const directory = new SlackDirectory(client, { pageSize: 200 });
    expect(await directory.canRead(`slack:${slack.teamId}:${channel}:1732291201.000100`, `slack:${slack.teamId}:U0CROWD0449`)).toBe(true);
    expect(callsFor("conversations.members", channel)).toHaveLength(3);
    expect(callsFor("conversations.members", channel).map((call) => call.body.cursor ?? "")).toEqual(["", expect.any(String), expect.any(String)]);
  });

  test("someone outside the channel cannot read it; a channel the bot cannot see has no readers", async () => {
    const channel = freshChannel();
    slack.channel(channel, ["U0ADA", "U0GRACE"]);
    const directory = new SlackDirectory(client);
    expect(await directory.canRead(`slack:${slack.teamId}:${channel}:1.000001`, `slack:${slack.teamId}:U0MALLORY`)).toBe(false);
    expect(await directory.canRead(`slack:${slack.teamId}:C0UNSEEN:1.000001`, `slack:${slack.teamId}:U0ADA`)).toBe(false);
  });

  test("a channel's members are asked for once for a burst of checks", async () => {
    const channel = freshChannel();
    slack.channel(channel, ["U0ADA", "U0GRACE"]);
    const directory = new SlackDirectory(client);
    const thread = `slack:${slack.teamId}:${channel}:1.000001`;
    const answers = await Promise.all([directory.canRead(thread, "slack:T:U0ADA"), directory.canRead(thread, "slack:T:U0GRACE"), directory.canRead(thread, "slack:T:U0BOB")]);
    expect(answers).toEqual([true, true, false]);
    expect(callsFor("conversations.members", channel)).toHaveLength(1);
  });

  test("a failure of Slack is a DependencyDownError, not a silent no", async () => {
    const channel = freshChannel();
    slack.channel(channel, ["U0ADA"]);
    slack.fail("conversations.members", "internal_error", (call) => call.body.channel === channel);
    const directory = new SlackDirectory(client);
    await expect(directory.canRead(`slack:${slack.teamId}:${channel}:1.000001`, "slack:T:U0ADA")).rejects.toBeInstanceOf(DependencyDownError);
  });

  test("an install without the new read scopes says so, instead of calling every teammate a non-member", async () => {
    const channel = freshChannel();
    slack.channel(channel, ["U0ADA"]);
    slack.fail("conversations.members", "missing_scope", (call) => call.body.channel === channel);
    const directory = new SlackDirectory(client);
    const check = directory.canRead(`slack:${slack.teamId}:${channel}:1.000001`, "slack:T:U0ADA");
    await expect(check).rejects.toBeInstanceOf(ConfigError);
    await expect(check).rejects.toThrow(/channels:read.*reinstall/);
  });

  test("admins and owners administer the workspace, members do not", async () => {
    slack.admin("U0ADMIN");
    slack.workspace.owners.add("U0OWNER");
    const directory = new SlackDirectory(client);
    const channelKey = `slack:${slack.teamId}:C0ANY`;
    expect(await directory.isAdmin(channelKey, `slack:${slack.teamId}:U0ADMIN`)).toBe(true);
    expect(await directory.isAdmin(channelKey, `slack:${slack.teamId}:U0OWNER`)).toBe(true);
    expect(await directory.isAdmin(channelKey, `slack:${slack.teamId}:U0MEMBER`)).toBe(false);
  });

  test("a thread's link is its permalink, and the link leads back to the same thread", async () => {
    const directory = new SlackDirectory(client);
    const thread = `slack:${slack.teamId}:C0LINK:1732291201.000100`;
    const link = await directory.threadLink(thread);
    expect(link).toMatch(/^https:\/\/fake\.slack\.com\/archives\/C0LINK\/p1732291201000100/);
    expect(threadFromPermalink(link, slack.teamId)).toBe(thread);
  });
});

describe("SlackPoster for the team features", () => {
  test("a direct message opens the DM and posts there, mention first", async () => {
    const poster = new SlackPoster(client);
    await poster.direct(`slack:${slack.teamId}:U0GRACE`, { kind: "notice", paragraphs: ["ada asks you to review an interview: https://fake.slack.com/archives/C1/p1"], mentions: [`slack:${slack.teamId}:U0GRACE`] });
    const opened = slack.callsTo("conversations.open").at(-1);
    expect(opened?.body.users).toBe("U0GRACE");
    const posted = slack.callsTo("chat.postMessage").at(-1);
    expect(posted?.body.channel).toBe(slack.dmChannel("U0GRACE"));
    expect(String(posted?.body.text)).toMatch(/^<@U0GRACE> ada asks you to review/);
  });

  test("a channel key posts at the top level of the channel", async () => {
    const poster = new SlackPoster(client);
    await poster.post(`slack:${slack.teamId}:C0TOP`, { kind: "notice", heading: "This week's practice", paragraphs: ["Fraud detection."] });
    const posted = slack.callsTo("chat.postMessage").at(-1);
    expect(posted?.body.channel).toBe("C0TOP");
    expect(posted?.body.thread_ts).toBeUndefined();
  });

  test("an image is uploaded to the channel with its caption, and the bytes that arrive are the PNG", async () => {
    const poster = new SlackPoster(client);
    await poster.postImage(`slack:${slack.teamId}:C0CHART`, { png: PNG, filename: "progress.png", alt: "ada's ratings over time" }, { kind: "notice", paragraphs: ["ada's progress <since May>"], mentions: [`slack:${slack.teamId}:U0ADA`] });
    const file = slack.files.shared.at(-1);
    expect(file?.channel).toBe("C0CHART");
    expect(file?.threadTs).toBeUndefined();
    expect(file?.filename).toBe("progress.png");
    expect(file?.altText).toBe("ada's ratings over time");
    expect(file?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file?.bytes.equals(PNG)).toBe(true);
    expect(file?.initialComment).toBe("<@U0ADA> ada's progress &lt;since May&gt;");
  });

  test("an image for a thread lands in the thread", async () => {
    const poster = new SlackPoster(client);
    await poster.postImage(`slack:${slack.teamId}:C0CHART:1732291201.000100`, { png: PNG, filename: "progress.png", alt: "chart" }, { kind: "notice", paragraphs: ["Chart."] });
    expect(slack.files.shared.at(-1)).toMatchObject({ channel: "C0CHART", threadTs: "1732291201.000100" });
  });
});
