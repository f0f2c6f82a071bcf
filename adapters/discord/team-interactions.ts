import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction } from "discord.js";
import { EDIT_REVIEW_LABEL, errorMessage, FORM_PART_LOST, FORM_READY, notice, OPEN_FORM_LABEL, partKept, REVIEW_FORM } from "../../src/features/copy.js";
import type { FeatureDeps, Reply } from "../../src/features/host.js";
import { failureMessage, handlePress, handleRequest, submitReview } from "../../src/features/requests.js";
import type { Logger } from "../../src/ops/logger.js";
import { callerOf, DiscordHost } from "./host.js";
import { OPTION_NAMES } from "./commands.js";
import { renderDiscord, teamButtonFromCustomId } from "./render.js";
import { messageOptions } from "./replies.js";
import { ReviewDrafts } from "./review-drafts.js";
import { partRange, readPart, readReviewSubmission, REVIEW_FIELDS, reviewButtonRow, reviewModal, reviewParts, reviewTargetFromCustomId, type ReviewDraft, type ReviewTarget } from "./review-modal.js";
import { replyPrivately, tell } from "./respond.js";
import { parseThreadKey, threadKey } from "./thread-key.js";

/** A modal must be the interaction's first answer, within Discord's three seconds; past this the form comes behind a button. */
export const FORM_DEADLINE_MS = 2_000;

type GuildInteraction<T> = T & { guildId: string };

/**
 * The team features' widgets on Discord: the buttons on scorecards, prompts and forget-me, and the
 * review form as modals (in parts when the rubric has more dimensions than one modal holds). What
 * each press means is src/features' to decide; this class decodes the interaction and draws the answer.
 */
export class DiscordTeamInteractions {
  private readonly drafts = new ReviewDrafts();

  constructor(private readonly logger: Logger) {}

  /** `/mock-interview review link:…`: not deferred, since the answer is the review modal. */
  async review(interaction: GuildInteraction<ChatInputCommandInteraction<"cached" | "raw">>, deps: FeatureDeps): Promise<void> {
    const host = new DiscordHost(interaction, this.logger);
    const link = interaction.options.getString(OPTION_NAMES.link, true);
    await this.showForm(interaction, handleRequest({ kind: "review", link }, callerOf(interaction), host, deps), 0);
  }

  async button(interaction: GuildInteraction<ButtonInteraction<"cached" | "raw">>, deps: FeatureDeps): Promise<void> {
    const host = new DiscordHost(interaction, this.logger);
    const caller = callerOf(interaction);
    const reopen = reviewTargetFromCustomId(interaction.customId);
    if (reopen) {
      const press = { action: "review" as const, value: reopen.interviewId, thread: threadKey({ guild: interaction.guildId, thread: reopen.thread }), source: interaction.message.id };
      return this.showForm(interaction, handlePress(press, caller, host, deps), reopen.part ?? 0);
    }
    const pressed = teamButtonFromCustomId(interaction.customId);
    if (!pressed) return;
    switch (pressed.action) {
      case "review": {
        // The scorecard's button: its message is in the interview thread, and the value is the interview.
        const press = { action: pressed.action, value: pressed.value, thread: threadKey({ guild: interaction.guildId, thread: interaction.channelId }), source: interaction.message.id };
        return this.showForm(interaction, handlePress(press, caller, host, deps), 0);
      }
      case "practice-start": {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const reply = await handlePress({ action: pressed.action, value: pressed.value, thread: undefined, source: interaction.message.id }, caller, host, deps);
        if (reply.kind === "tell") await tell(interaction, reply.message);
        return;
      }
      case "forget-cancel": {
        const reply = await handlePress({ action: pressed.action, value: pressed.value, thread: undefined, source: interaction.message.id }, caller, host, deps);
        const [part] = reply.kind === "replace" || reply.kind === "tell" ? renderDiscord(reply.message) : [];
        if (part) await interaction.update({ ...messageOptions(part), embeds: part.embeds ?? [], components: part.components ?? [] });
        return;
      }
      case "forget-confirm":
        await interaction.deferUpdate();
        return this.replace(interaction, await handlePress({ action: pressed.action, value: pressed.value, thread: undefined, source: interaction.message.id }, caller, host, deps));
    }
  }

  /**
   * A part of the review form sent back. Every part but the last is kept (after checking it reads)
   * and the next offered behind a button, since a modal cannot answer a modal; the last part saves
   * the whole review through the features, and the reviewer is told how it went.
   */
  async modal(interaction: GuildInteraction<ModalSubmitInteraction<"cached" | "raw">>, deps: FeatureDeps): Promise<void> {
    const target = reviewTargetFromCustomId(interaction.customId);
    if (!target || !deps.services) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const host = new DiscordHost(interaction, this.logger);
    const reviewer = callerOf(interaction).user;
    const key = threadKey({ guild: interaction.guildId, thread: target.thread });
    const part = target.part ?? 0;
    const stored = this.drafts.get(reviewer, target.interviewId) ?? [];
    const drafts = [...stored];
    let form;
    try {
      form = await deps.services.team.reviewForm(key, reviewer, target.interviewId);
    } catch (error) {
      return tell(interaction, failureMessage(error, host, this.logger, "review submission"));
    }
    const parts = reviewParts(form);
    const last = part >= parts.length - 1;
    const draft: ReviewDraft = {
      ratings: interaction.fields.getStringSelectValues(REVIEW_FIELDS.ratings),
      comments: interaction.fields.getTextInputValue(REVIEW_FIELDS.comments),
      // Only the last part carries the overall notes.
      notes: last ? interaction.fields.getTextInputValue(REVIEW_FIELDS.notes) : "",
    };
    drafts[part] = draft;
    for (let index = 0; index < parts.length; index += 1) drafts[index] ??= { ratings: [], comments: "", notes: "" };
    const again = (label: string, at: number) => [reviewButtonRow({ thread: target.thread, interviewId: target.interviewId, ...(at ? { part: at } : {}) }, label)];
    if (!last) {
      this.drafts.keep(reviewer, target.interviewId, drafts);
      try {
        readPart(form, parts[part] ?? [], draft);
      } catch (error) {
        return tell(interaction, failureMessage(error, host, this.logger, "review part"), again(EDIT_REVIEW_LABEL, part));
      }
      const range = partRange(form, part);
      return tell(interaction, notice(partKept(range.first, range.last, range.total)), again(REVIEW_FORM.next, part + 1));
    }
    // Saving a later part without the earlier ones would drop their ratings without a word.
    if (parts.length > 1 && Array.from({ length: part }, (_, index) => stored[index]).some((earlier) => earlier === undefined)) {
      return tell(interaction, errorMessage(FORM_PART_LOST), again(OPEN_FORM_LABEL, 0));
    }
    let submitted;
    try {
      submitted = await submitReview(key, target.interviewId, reviewer, readReviewSubmission(form, parts.length === 1 ? draft : drafts), host, deps);
    } catch (error) {
      submitted = { saved: false as const, message: failureMessage(error, host, this.logger, "review submission"), retry: true };
    }
    if (submitted.saved) {
      this.drafts.drop(reviewer, target.interviewId);
      return tell(interaction, submitted.message);
    }
    // Anything but a refusal keeps what they wrote for a second try.
    if (submitted.retry) this.drafts.keep(reviewer, target.interviewId, drafts);
    await tell(interaction, submitted.message, submitted.retry ? again(EDIT_REVIEW_LABEL, 0) : []);
  }

  /**
   * Shows the review form the features answered with. A modal must be the first answer to the
   * interaction, so nothing is deferred: if the form takes too long, the interaction is
   * acknowledged instead and the form offered behind a button.
   */
  private async showForm(interaction: GuildInteraction<ChatInputCommandInteraction<"cached" | "raw"> | ButtonInteraction<"cached" | "raw">>, pending: Promise<Reply>, part: number): Promise<void> {
    const settled = await within(pending, FORM_DEADLINE_MS);
    if (!settled) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const reply = await pending;
      if (reply.kind === "review-form") return tell(interaction, notice(FORM_READY), [reviewButtonRow(this.targetOf(reply.form, part), OPEN_FORM_LABEL)]);
      if (reply.kind === "tell" || reply.kind === "replace") return tell(interaction, reply.message);
      return;
    }
    if (settled.kind === "review-form") {
      const target = this.targetOf(settled.form, part);
      const drafts = this.drafts.get(callerOf(interaction).user, settled.form.interviewId);
      await interaction.showModal(reviewModal(settled.form, target.thread, drafts?.[part], Math.min(part, reviewParts(settled.form).length - 1)));
      return;
    }
    if (settled.kind === "tell" || settled.kind === "replace") await replyPrivately(interaction, settled.message);
  }

  private targetOf(form: { threadKey: string; interviewId: string }, part: number): ReviewTarget {
    return { thread: parseThreadKey(form.threadKey).thread, interviewId: form.interviewId, ...(part ? { part } : {}) };
  }

  /** Confirmed forget-me: the ephemeral prompt becomes what was deleted, its buttons gone. */
  private async replace(interaction: ButtonInteraction, reply: Reply): Promise<void> {
    if (reply.kind !== "replace" && reply.kind !== "tell") return;
    const [first, ...rest] = renderDiscord(reply.message);
    if (!first) return;
    if (reply.kind === "replace") await interaction.editReply({ ...messageOptions(first), embeds: first.embeds ?? [], components: first.components ?? [] });
    else await interaction.followUp({ ...messageOptions(first), flags: MessageFlags.Ephemeral });
    for (const part of rest) await interaction.followUp({ ...messageOptions(part), flags: MessageFlags.Ephemeral });
  }
}

/** Whether a button is one of the team's (or the adapter's own review button). */
export function isTeamComponent(customId: string): boolean {
  return reviewTargetFromCustomId(customId) !== undefined || teamButtonFromCustomId(customId) !== undefined;
}

/** The reply, or undefined when it did not come within `ms`. */
async function within(pending: Promise<Reply>, ms: number): Promise<Reply | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([pending, late]);
  } finally {
    clearTimeout(timer);
  }
}
