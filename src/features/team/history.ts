import { ConfigError, isAppError, UserInputError } from "../../core/errors.js";
import type { OutgoingMessage } from "../../core/messages/message.js";
import { renderBandChart } from "./chart.js";
import type { TeamDeps } from "./deps.js";
import { planFocus } from "./focus-plan.js";
import { HISTORY_LIMIT, historyMessage, NO_HISTORY_MESSAGE } from "./history-message.js";
import { pastInterviews, scored } from "./past.js";
import type { FocusPlan } from "./port.js";
import { PROGRESS_LIMIT, progressChart } from "./progress-chart.js";

/** Sessions read to find the last few scorecards: interviews abandoned before the end have none. */
const SCAN_LIMIT = 40;

export const NO_PROGRESS_MESSAGE =
  "There's nothing to chart yet: progress needs at least one interview with a scorecard. Finish an interview (type end in its thread) and try again once the scorecard is posted.";

/** The user's past interviews read back: the history list, focused follow-ups and the progress chart. */
export class History {
  constructor(private readonly deps: TeamDeps) {}

  async list(user: string): Promise<OutgoingMessage> {
    const past = await pastInterviews(this.deps, user, HISTORY_LIMIT + 1);
    if (past.length === 0) return NO_HISTORY_MESSAGE;
    const shown = past.slice(0, HISTORY_LIMIT);
    const linked = await Promise.all(shown.map(async (entry) => ({ ...entry, link: await this.link(entry.session.threadKey) })));
    return historyMessage(linked, past.length > HISTORY_LIMIT, this.deps.content);
  }

  async focus(user: string): Promise<FocusPlan> {
    return planFocus(await pastInterviews(this.deps, user, SCAN_LIMIT), this.deps.content, user);
  }

  async progress(user: string, channelKey: string): Promise<OutgoingMessage> {
    const summaries = scored(await pastInterviews(this.deps, user, SCAN_LIMIT))
      .slice(0, PROGRESS_LIMIT)
      .map((entry) => entry.stored)
      .reverse();
    const latest = summaries[summaries.length - 1];
    if (!latest) throw new UserInputError(NO_PROGRESS_MESSAGE);
    const { poster } = this.deps;
    if (!poster.postImage) throw new ConfigError("Charts can't be posted here: this chat platform's connection does not support images.");
    const name = latest.summary.candidate;
    const { chart, alt } = progressChart(summaries, name, this.deps.content.rubric);
    const count = summaries.length === 1 ? "their one scored interview" : `their last ${summaries.length} scored interviews`;
    await poster.postImage(
      channelKey,
      { png: renderBandChart(chart), filename: "progress.png", alt },
      { kind: "notice", paragraphs: [`${name}'s progress: ratings per dimension across ${count}.`], mentions: [user] },
    );
    return { kind: "notice", paragraphs: [`Posted your progress chart (${summaries.length === 1 ? "1 interview" : `${summaries.length} interviews`}).`] };
  }

  /** A missing link should not cost the user their whole history: the entry is listed without one. */
  private async link(threadKey: string): Promise<string | null> {
    try {
      return await this.deps.directory.threadLink(threadKey);
    } catch (error) {
      if (isAppError(error)) return null;
      throw error;
    }
  }
}
