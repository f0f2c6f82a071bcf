import {
  ChannelType,
  DiscordAPIError,
  ThreadAutoArchiveDuration,
  type BaseMessageOptions,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  type TextChannel,
  type ThreadChannel,
} from "discord.js";
import { interviewParentMessage, plannedProblem } from "../../src/features/slash-command.js";
import type { ProblemBank } from "../../src/content/bank.js";
import type { Focus } from "../../src/domain/focus.js";
import { openInterview } from "../../src/pipeline/opening.js";
import type { Intake } from "../../src/ports/intake.js";
import type { Logger } from "../../src/ops/logger.js";
import type { StartOptions } from "./commands.js";
import { renderDiscord } from "./render.js";
import { errorMessage, tell } from "./respond.js";
import { messageOptions, threadName } from "./replies.js";
import { PLATFORM, threadKey, userKey } from "./thread-key.js";

export const PRIVATE_REFUSED_NOTE = "This server doesn't let me open a private thread here, so the interview is in a public thread.";
export const NOT_A_TEXT_CHANNEL = "I can only open interview threads from a server text channel. Run /mock-interview in one (not inside a thread).";

/** What an opening made: the thread and, for a public one, the parent message it hangs off. */
interface OpenedThread {
  thread: ThreadChannel;
  parent?: Message;
  /** Why the thread is not what was asked for (a public one where private was refused). */
  note?: string;
}

type Removable = { delete(): Promise<unknown> };

/** What opens an interview: `/mock-interview start` and `focus`, and Start on a weekly practice prompt. */
export type OpeningInteraction = ChatInputCommandInteraction | ButtonInteraction;

export interface Opening extends StartOptions {
  /** What the interview should exercise (`/mock-interview focus`). */
  focus?: Focus;
  /** A sentence for the caller ahead of "Your interview is ready" (why this focus, say). */
  intro?: string;
  /** Open the thread in the parent channel when the interaction came from inside a thread (a prompt posted in one). */
  fromThreadParent?: boolean;
}

/**
 * Opens an interview for whoever ran the command or pressed the button: a parent message and a
 * thread in the channel, the intake's start there (both taken back if storage did not take it, see
 * openInterview), then the caller told where it is (the interaction is already deferred). The same
 * path for start, focus and practice prompts.
 */
export class InterviewThreads {
  constructor(
    private readonly bank: ProblemBank,
    private readonly logger: Logger,
  ) {}

  async open(interaction: OpeningInteraction, intake: Intake, opening: Opening): Promise<void> {
    const channel = await this.textChannel(interaction, opening.fromThreadParent ?? false);
    if (!channel || !interaction.inGuild()) return tell(interaction, errorMessage(NOT_A_TEXT_CHANNEL));
    const problem = plannedProblem(opening, this.bank, interaction.id);
    const candidateName = interaction.inCachedGuild() ? interaction.member.displayName : interaction.user.displayName;
    const [parent] = renderDiscord(interviewParentMessage(`<@${interaction.user.id}>`, opening.level, problem?.title, { focused: opening.focus !== undefined }));
    if (!parent) throw new Error("the parent message rendered empty");
    const name = threadName(candidateName, problem?.title);
    const { thread, note } = await openInterview(intake, {
      post: () => this.openThread(channel, interaction, name, messageOptions(parent), opening.private),
      start: ({ thread }) => ({
        eventId: `${PLATFORM}:${interaction.id}`,
        threadKey: threadKey({ guild: thread.guildId, thread: thread.id }),
        candidate: { id: userKey(interaction.user.id), name: candidateName },
        ...(opening.level ? { level: opening.level } : {}),
        ...(problem ? { problem: problem.id } : {}),
        ...(opening.focus ? { focus: opening.focus } : {}),
      }),
      remove: (opened) => this.remove(opened),
    });
    const ready = `Your interview is ready in <#${thread.id}>. The first question is on its way.`;
    await tell(interaction, { kind: "notice", paragraphs: [...(opening.intro ? [opening.intro] : []), ready, ...(note ? [note] : [])] });
  }

  private async textChannel(interaction: OpeningInteraction, fromThreadParent: boolean): Promise<TextChannel | undefined> {
    if (!interaction.inGuild() || !interaction.channelId) return undefined;
    const channel = interaction.channel ?? (await interaction.client.channels.fetch(interaction.channelId));
    if (channel?.type === ChannelType.GuildText) return channel;
    if (!fromThreadParent || !channel?.isThread() || !channel.parentId) return undefined;
    const parent = channel.parent ?? (await interaction.client.channels.fetch(channel.parentId));
    return parent?.type === ChannelType.GuildText ? parent : undefined;
  }

  /**
   * A public thread hangs off the parent message in the channel. A private thread cannot start from
   * a message, so it is created on its own, the candidate added, and the parent message posted inside.
   */
  private async openThread(channel: TextChannel, interaction: OpeningInteraction, name: string, parent: BaseMessageOptions, wantsPrivate: boolean): Promise<OpenedThread> {
    const autoArchiveDuration = ThreadAutoArchiveDuration.OneDay;
    let note: string | undefined;
    if (wantsPrivate) {
      let thread: ThreadChannel | undefined;
      try {
        thread = await channel.threads.create({ name, type: ChannelType.PrivateThread, autoArchiveDuration });
      } catch (error) {
        if (!(error instanceof DiscordAPIError) || (error.status !== 400 && error.status !== 403)) throw error;
        this.logger.info({ platform: PLATFORM, code: error.code }, "private thread refused; opening a public one");
        note = PRIVATE_REFUSED_NOTE;
      }
      if (thread) {
        const opened = thread;
        await this.undoOnFailure(opened, async () => {
          await opened.members.add(interaction.user.id);
          await opened.send(parent);
        });
        return { thread: opened };
      }
    }
    const message = await channel.send(parent);
    const thread = await this.undoOnFailure(message, () => message.startThread({ name, autoArchiveDuration }));
    return { thread, parent: message, ...(note ? { note } : {}) };
  }

  /**
   * Takes back an interview storage did not start: the thread (which needs Manage Threads, so may
   * be refused) and the parent message (always the bot's own to delete), so the channel shows nothing.
   */
  private async remove({ thread, parent }: OpenedThread): Promise<void> {
    await this.delete(thread);
    if (parent) await this.delete(parent);
  }

  /** Runs `step`; if it fails, deletes what was made for it (a parent message, a thread) so nothing half-made is left behind. */
  private async undoOnFailure<T>(made: Removable, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      await this.delete(made);
      throw error;
    }
  }

  private async delete(made: Removable): Promise<void> {
    await made.delete().catch((error: unknown) => this.logger.warn({ platform: PLATFORM, err: error instanceof Error ? error.message : String(error) }, "could not remove a half-opened interview"));
  }
}
