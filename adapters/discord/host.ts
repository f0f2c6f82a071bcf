import {
  ChannelType,
  DiscordAPIError,
  RESTJSONErrorCodes,
  ThreadAutoArchiveDuration,
  type BaseMessageOptions,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  type ModalSubmitInteraction,
  type TextChannel,
  type ThreadChannel,
} from "discord.js";
import { UserInputError } from "../../src/core/errors.js";
import { COMMAND, notAChannel, type PlatformHints, type PostingRefusal } from "../../src/features/copy.js";
import type { Caller, Host, OpenedThread, ThreadLink, ThreadRequest } from "../../src/features/host.js";
import type { Logger } from "../../src/ops/logger.js";
import { renderDiscord } from "./render.js";
import { DISCORD_TEAM_USAGE, DISCORD_USAGE, messageOptions, threadName } from "./replies.js";
import { channelKey, PLATFORM, threadFromLink, threadKey, userKey } from "./thread-key.js";

/** Discord's words for the sentences in src/features/copy.ts. */
export const DISCORD_HINTS: PlatformHints = {
  title: "Discord",
  space: "server",
  copyThreadLink: "right-click the thread's name → Copy Link",
  reviewWithLink: `paste it as the link of ${COMMAND} review`,
  mentionTeammates: "Pick them in the reviewer options.",
  inviteBot: "Add me to this channel (channel settings → Permissions)",
  permissions: "View Channel, Send Messages, Create Public Threads, Send Messages in Threads, Read Message History and Embed Links",
  usage: { start: DISCORD_USAGE, team: DISCORD_TEAM_USAGE },
};

/** What opens an interview or asks for a form on Discord: a command, a button, a form sent back. */
export type HostInteraction = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

type Removable = { delete(): Promise<unknown> };

/** The caller of an interaction in a server, as the features name them. */
export function callerOf(interaction: HostInteraction): Caller {
  const name = interaction.inCachedGuild() ? interaction.member.displayName : interaction.user.displayName;
  return {
    user: userKey(interaction.user.id),
    name,
    // A mention names the candidate in the parent message; allowed_mentions keeps it from pinging.
    mention: `<@${interaction.user.id}>`,
    // Schedules and charts belong to the channel the command ran in (a thread is a channel too).
    channel: channelKey({ guild: interaction.guildId ?? "", channel: interaction.channelId ?? "" }),
    eventId: interaction.id,
  };
}

/**
 * Discord as the features' Host for one interaction: a public thread off a parent message in the
 * channel, or a private one the candidate is added to; thread links and channel mentions read in
 * the interaction's server.
 */
export class DiscordHost implements Host {
  readonly name = PLATFORM;
  readonly hints = DISCORD_HINTS;

  constructor(
    /** Outside a server (a direct message) only help and the problem list are answered, which need no host. */
    private readonly interaction: HostInteraction,
    private readonly logger: Logger,
  ) {}

  async openThread(request: ThreadRequest): Promise<OpenedThread> {
    const channel = await this.textChannel(request.besidePrompt);
    if (!channel) throw new UserInputError(notAChannel(this.hints));
    const [parent] = renderDiscord(request.parent);
    if (!parent) throw new Error("the parent message rendered empty");
    const name = threadName(request.candidateName, request.problemTitle);
    const { thread, message, privateRefused } = await this.open(channel, name, messageOptions(parent), request.private);
    return {
      threadKey: threadKey({ guild: thread.guildId, thread: thread.id }),
      // The reply is ephemeral and the thread may be private: the caller is pointed at it.
      reference: `<#${thread.id}>`,
      ...(privateRefused ? { privateRefused } : {}),
      remove: () => this.remove(thread, message),
    };
  }

  threadFromLink(link: string): ThreadLink {
    const guild = this.interaction.guildId ?? "";
    const thread = threadFromLink(link, guild);
    if (!thread) return { kind: "not-a-link" };
    if (thread.guild !== guild) return { kind: "elsewhere" };
    return { kind: "thread", threadKey: threadKey(thread) };
  }

  /** Discord's user options arrive as ids, already checked to be users. */
  userFromMention(token: string): string | undefined {
    return /^\d{17,20}$/.test(token) ? userKey(token) : undefined;
  }

  refusalOf(error: unknown): PostingRefusal | undefined {
    return error instanceof DiscordAPIError && (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess) ? "missing-permissions" : undefined;
  }

  private async textChannel(besidePrompt: boolean): Promise<TextChannel | undefined> {
    const interaction = this.interaction;
    if (!interaction.inGuild() || !interaction.channelId) return undefined;
    const channel = interaction.channel ?? (await interaction.client.channels.fetch(interaction.channelId));
    if (channel?.type === ChannelType.GuildText) return channel;
    if (!besidePrompt || !channel?.isThread() || !channel.parentId) return undefined;
    const parent = channel.parent ?? (await interaction.client.channels.fetch(channel.parentId));
    return parent?.type === ChannelType.GuildText ? parent : undefined;
  }

  /**
   * A public thread hangs off the parent message in the channel. A private thread cannot start from
   * a message, so it is created on its own, the candidate added, and the parent message posted inside.
   */
  private async open(channel: TextChannel, name: string, parent: BaseMessageOptions, wantsPrivate: boolean): Promise<{ thread: ThreadChannel; message?: Message; privateRefused?: boolean }> {
    const autoArchiveDuration = ThreadAutoArchiveDuration.OneDay;
    let privateRefused = false;
    if (wantsPrivate) {
      let thread: ThreadChannel | undefined;
      try {
        thread = await channel.threads.create({ name, type: ChannelType.PrivateThread, autoArchiveDuration });
      } catch (error) {
        if (!(error instanceof DiscordAPIError) || (error.status !== 400 && error.status !== 403)) throw error;
        this.logger.info({ platform: PLATFORM, code: error.code }, "private thread refused; opening a public one");
        privateRefused = true;
      }
      if (thread) {
        const opened = thread;
        await this.undoOnFailure(opened, async () => {
          await opened.members.add(this.interaction.user.id);
          await opened.send(parent);
        });
        return { thread: opened };
      }
    }
    const message = await channel.send(parent);
    const thread = await this.undoOnFailure(message, () => message.startThread({ name, autoArchiveDuration }));
    return { thread, message, ...(privateRefused ? { privateRefused } : {}) };
  }

  /**
   * Takes back an interview storage did not start: the thread (which needs Manage Threads, so may
   * be refused) and the parent message (always the bot's own to delete), so the channel shows nothing.
   */
  private async remove(thread: ThreadChannel, parent: Message | undefined): Promise<void> {
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
