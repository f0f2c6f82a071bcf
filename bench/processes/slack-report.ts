// Reading the fake Slack process's report: what a bench asserts nothing about, only counts and times.
import { setTimeout as sleep } from "node:timers/promises";
import type { SlackReport } from "./fake-slack.js";

/** The fake Slack process's ready line. */
export interface FakeSlackInfo {
  apiUrl: string;
  responseUrl: string;
  controlUrl: string;
  placeholder: string;
}

export async function slackReport(slack: FakeSlackInfo): Promise<SlackReport> {
  return (await (await fetch(slack.controlUrl)).json()) as SlackReport;
}

/** When each channel's thread first showed a question (a reply that is not the placeholder). */
export async function firstQuestions(slack: FakeSlackInfo): Promise<Map<string, number>> {
  const firsts = new Map<string, number>();
  for (const message of (await slackReport(slack)).messages) {
    if (!message.threadTs || message.threadTs === message.ts || message.text === slack.placeholder) continue;
    const seen = firsts.get(message.channel);
    if (seen === undefined || message.at < seen) firsts.set(message.channel, message.at);
  }
  return firsts;
}

/** Waits until every channel named has its first question, or `timeoutMs` passes. */
export async function awaitFirstQuestions(slack: FakeSlackInfo, results: ReadonlyArray<{ channel: string }>, timeoutMs: number): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const firsts = await firstQuestions(slack);
    if (results.every((result) => firsts.has(result.channel)) || Date.now() > deadline) return firsts;
    await sleep(200);
  }
}
