import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction } from "discord.js";
import type { ProblemBank } from "../../src/content/bank.js";
import { isAppError } from "../../src/core/errors.js";
import type { Intake } from "../../src/ports/intake.js";
import type { Logger } from "../../src/ops/logger.js";
import { parsePracticeStartValue, type ReviewForm, type TeamServices } from "../../src/features/team/port.js";
import { RecentPresses } from "../shared/recent-presses.js";
import { OPTION_NAMES, readStartOptions } from "./commands.js";
import type { InterviewThreads } from "./interview-threads.js";
import { renderDiscord, teamButtonFromCustomId } from "./render.js";
import { messageOptions } from "./replies.js";
import type { DiscordRequest } from "./requests.js";
import { ReviewDrafts } from "./review-drafts.js";
import { readReviewSubmission, REVIEW_FIELDS, reviewButtonRow, reviewModal, reviewTargetFromCustomId, type ReviewDraft } from "./review-modal.js";
import { errorMessage, failureMessage, replyPrivately, tell } from "./respond.js";
import { channelKey, threadFromLink, threadKey, userKey } from "./thread-key.js";

export const NOT_A_THREAD_LINK = "That isn't a link to an interview thread. Open the thread, copy its link (right-click the thread's name → Copy Link) and paste it as link.";
export const OTHER_SERVER = "That thread is in another server. Run /mock-interview review in the server where the interview took place.";
export const NOTHING_DELETED = "Nothing was deleted.";
export const FORM_READY = "Your review form is ready.";
/** A modal must be the interaction's first answer, within Discord's three seconds; past this the form comes behind a button. */
export const FORM_DEADLINE_MS = 2_000;

/** The team subcommands answered after a deferral (review answers with a modal instead). */
export type TeamRequest = Extract<DiscordRequest, { kind: "review-request" | "schedule-set" | "schedule-list" | "schedule-off" | "history" | "focus" | "progress" | "forget-me" }>;

/**
 * The team features on Discord: subcommands, the buttons on scorecards, prompts and forget-me, and
 * the review modal. Each handler translates the interaction into one call to the team services and
 * renders the answer; every check (who may review, who may remove a schedule) is theirs.
 */
export class DiscordTeamInteractions {
  private readonly drafts = new ReviewDrafts();
  private readonly presses = new RecentPresses();

  constructor(
    private readonly services: TeamServices,
    private readonly threads: InterviewThreads,
    private readonly intake: Intake,
    private readonly bank: ProblemBank,
    private readonly logger: Logger,
  ) {}

  /** A deferred subcommand: the answer replaces the caller's ephemeral "thinking…". */
  async command(interaction: ChatInputCommandInteraction<"cached" | "raw">, request: TeamRequest): Promise<void> {
    const { team, schedules } = this.services;
    const user = userKey(interaction.user.id);
    // Schedules and charts belong to the channel the command ran in (a thread is a channel too).
    const here = channelKey({ guild: interaction.guildId, channel: interaction.channelId });
    switch (request.kind) {
      case "review-request":
        return tell(interaction, await team.requestReviews(user, request.reviewers.map(userKey)));
      case "schedule-set":
        return tell(interaction, await schedules.set(here, user, request.cadence));
      case "schedule-list":
        return tell(interaction, await schedules.list(here));
      case "schedule-off":
        return tell(interaction, await schedules.off(here, user));
      case "history":
        return tell(interaction, await team.history(user));
      case "focus": {
        const plan = await team.focus(user);
        return this.threads.open(interaction, this.intake, { ...(plan.level ? { level: plan.level } : {}), problem: plan.problemId, private: false, focus: plan.focus, intro: plan.reason });
      }
      case "progress":
        return tell(interaction, await team.progress(user, here));
      case "forget-me":
        return tell(interaction, await team.forgetPrompt(user));
    }
  }

  /** `/mock-interview review link:…`: not deferred, since the answer is the review modal. */
  async review(interaction: ChatInputCommandInteraction<"cached" | "raw">): Promise<void> {
    const thread = threadFromLink(interaction.options.getString(OPTION_NAMES.link, true), interaction.guildId);
    if (!thread) return replyPrivately(interaction, errorMessage(NOT_A_THREAD_LINK));
    if (thread.guild !== interaction.guildId) return replyPrivately(interaction, errorMessage(OTHER_SERVER));
    await this.openForm(interaction, thread.thread, undefined);
  }

  async button(interaction: ButtonInteraction<"cached" | "raw">): Promise<void> {
    const target = reviewTargetFromCustomId(interaction.customId);
    if (target) return this.openForm(interaction, target.thread, target.interviewId);
    const pressed = teamButtonFromCustomId(interaction.customId);
    switch (pressed?.action) {
      case "review":
        // The scorecard's button: its message is in the interview thread, and the value is the interview.
        return this.openForm(interaction, interaction.channelId, pressed.value || undefined);
      case "practice-start":
        return this.practiceStart(interaction, pressed.value);
      case "forget-confirm":
        return this.forget(interaction);
      case "forget-cancel":
        await interaction.update({ content: NOTHING_DELETED, embeds: [], components: [], allowedMentions: { parse: [] } });
        return;
      case undefined:
        return;
    }
  }

  /** The review modal sent: read it, save it through the team services, and tell the reviewer. */
  async modal(interaction: ModalSubmitInteraction<"cached" | "raw">): Promise<void> {
    const target = reviewTargetFromCustomId(interaction.customId);
    if (!target) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const reviewer = userKey(interaction.user.id);
    const key = threadKey({ guild: interaction.guildId, thread: target.thread });
    const draft: ReviewDraft = {
      ratings: interaction.fields.getStringSelectValues(REVIEW_FIELDS.ratings),
      comments: interaction.fields.getTextInputValue(REVIEW_FIELDS.comments),
      notes: interaction.fields.getTextInputValue(REVIEW_FIELDS.notes),
    };
    try {
      const form = await this.services.team.reviewForm(key, reviewer, target.interviewId);
      const confirmation = await this.services.team.submitReview(key, target.interviewId, reviewer, readReviewSubmission(form, draft));
      this.drafts.drop(reviewer, target.interviewId);
      await tell(interaction, confirmation);
    } catch (error) {
      // A refusal stays a refusal; anything else keeps what they wrote for a second try.
      const final = isAppError(error) && (error.code === "forbidden" || error.code === "not-found");
      if (!final) this.drafts.keep(reviewer, target.interviewId, draft);
      await tell(interaction, failureMessage(error, this.logger), final ? [] : [reviewButtonRow(target, "Edit your review")]);
    }
  }

  /**
   * Opens the review form for the thread's interview. A modal must be the first answer to the
   * interaction, so nothing is deferred: the form is asked for, and if it takes too long the
   * interaction is acknowledged instead and the form offered behind a button.
   */
  private async openForm(interaction: ChatInputCommandInteraction<"cached" | "raw"> | ButtonInteraction<"cached" | "raw">, thread: string, interviewId: string | undefined): Promise<void> {
    const reviewer = userKey(interaction.user.id);
    const pending = this.services.team.reviewForm(threadKey({ guild: interaction.guildId, thread }), reviewer, interviewId);
    const settled = await within(pending, FORM_DEADLINE_MS);
    if (!settled) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      try {
        const form = await pending;
        await tell(interaction, { kind: "notice", paragraphs: [FORM_READY] }, [reviewButtonRow({ thread, interviewId: form.interviewId }, "Open the review form")]);
      } catch (error) {
        await tell(interaction, failureMessage(error, this.logger));
      }
      return;
    }
    if ("error" in settled) return replyPrivately(interaction, failureMessage(settled.error, this.logger));
    await interaction.showModal(reviewModal(settled.form, thread, this.drafts.get(reviewer, settled.form.interviewId)));
  }

  /** Start on a weekly prompt: the presser's own interview on the prompt's problem, as `/mock-interview start` opens it. */
  private async practiceStart(interaction: ButtonInteraction<"cached" | "raw">, value: string): Promise<void> {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    if (this.presses.repeated(`${interaction.message.id}:${interaction.user.id}`)) {
      return tell(interaction, { kind: "notice", paragraphs: ["Your interview on this problem is already opening; look for its thread in this channel."] });
    }
    try {
      const offered = parsePracticeStartValue(value);
      const options = readStartOptions(this.bank, { problem: offered.problem, level: offered.level ?? null, private: false });
      await this.threads.open(interaction, this.intake, { ...options, fromThreadParent: true });
    } catch (error) {
      await tell(interaction, failureMessage(error, this.logger));
    }
  }

  /** Confirmed forget-me: the ephemeral prompt becomes what was deleted, its buttons gone. */
  private async forget(interaction: ButtonInteraction<"cached" | "raw">): Promise<void> {
    await interaction.deferUpdate();
    try {
      const [first, ...rest] = renderDiscord(await this.services.team.forget(userKey(interaction.user.id)));
      if (!first) return;
      await interaction.editReply({ ...messageOptions(first), embeds: first.embeds ?? [], components: first.components ?? [] });
      for (const part of rest) await interaction.followUp({ ...messageOptions(part), flags: MessageFlags.Ephemeral });
    } catch (error) {
      const [part] = renderDiscord(failureMessage(error, this.logger));
      if (part) await interaction.followUp({ ...messageOptions(part), flags: MessageFlags.Ephemeral });
    }
  }
}

/** Whether a button is one of the team's (or the adapter's own review button). */
export function isTeamComponent(customId: string): boolean {
  return reviewTargetFromCustomId(customId) !== undefined || teamButtonFromCustomId(customId) !== undefined;
}

/** The form, the error, or undefined when neither came within `ms`. */
async function within(pending: Promise<ReviewForm>, ms: number): Promise<{ form: ReviewForm } | { error: unknown } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([pending.then((form) => ({ form }), (error: unknown) => ({ error })), late]);
  } finally {
    clearTimeout(timer);
  }
}
