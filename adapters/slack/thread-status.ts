import type { webApi } from "@slack/bolt";
import { ASSISTANT_THINKING } from "../../src/features/assistant.js";
import { slackErrorCode } from "./error-code.js";

/**
 * Assistant threads (the Agents & AI Apps pane) live in the user's DM with the bot, and only
 * there does the bot ever hold an interview thread in a DM: a channel thread never gets an
 * assistant method call.
 */
export function inDirectMessage(channel: string): boolean {
  return channel.startsWith("D");
}

/**
 * Shows "is thinking…" under an assistant thread; Slack clears it when the app next posts there
 * (or after two minutes). False when Slack refused it because this DM thread is not an assistant
 * thread, so the caller shows its usual placeholder; other failures reject.
 */
export async function showThinking(client: webApi.WebClient, channel: string, threadTs: string): Promise<boolean> {
  try {
    await client.assistant.threads.setStatus({ channel_id: channel, thread_ts: threadTs, status: ASSISTANT_THINKING });
    return true;
  } catch (error) {
    if (slackErrorCode(error) !== undefined) return false;
    throw error;
  }
}
