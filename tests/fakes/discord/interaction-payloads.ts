/** Interactions as Discord sends them when a member acts: slash commands, autocomplete, button clicks and modal submits. */
import { randomBytes } from "node:crypto";
import {
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  Locale,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIInteractionGuildMember,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitGuildInteraction,
  type APIUser,
} from "discord.js";
import { commandOptions, type CommandShape, type OptionValue } from "./command-options.js";
import type { FakeCommands } from "./commands.js";
import type { FakeGuild } from "./guild.js";
import type { FakeInteractions } from "./interactions.js";
import type { FakeMessages } from "./messages.js";
import { fillModal, type ModalAnswers } from "./modals.js";
import type { Snowflakes } from "./snowflakes.js";

export interface InteractionPayloadSettings {
  ids: Snowflakes;
  applicationId: string;
  guild: FakeGuild;
  commands: FakeCommands;
  messages: FakeMessages;
  interactions: FakeInteractions;
}

export class InteractionPayloads {
  constructor(private readonly settings: InteractionPayloadSettings) {}

  /**
   * `/mock-interview [group] <subcommand>` with its options, as Discord nests them; a user option
   * (an APIUser) arrives as the id with the user and their member data in `resolved`.
   */
  command(options: { user: APIUser; channelId?: string; name?: string } & CommandShape): APIChatInputApplicationCommandGuildInteraction {
    const { guild, commands } = this.settings;
    const name = options.name ?? "mock-interview";
    const { options: data, resolved } = commandOptions(options, (user) => guild.resolvedMember(user, options.channelId));
    return {
      ...this.base(InteractionType.ApplicationCommand, options.user, options.channelId),
      data: { id: commands.idOf(name), name, type: ApplicationCommandType.ChatInput, guild_id: guild.id, options: data, ...(resolved ? { resolved } : {}) },
    };
  }

  /** What Discord sends while a member types into an option (`problem` of start by default; `level` as already chosen). */
  autocomplete(options: { user: APIUser; typed: string; level?: string; channelId?: string; option?: string; subcommand?: string; group?: string; others?: Record<string, OptionValue> }): APIApplicationCommandAutocompleteGuildInteraction {
    const { guild, commands } = this.settings;
    const shape: CommandShape = {
      subcommand: options.subcommand ?? "start",
      ...(options.group ? { group: options.group } : {}),
      options: { ...(options.level !== undefined ? { level: options.level } : {}), ...options.others },
      focused: { name: options.option ?? "problem", typed: options.typed },
    };
    const { options: data } = commandOptions(shape, (user) => guild.resolvedMember(user, options.channelId));
    return {
      ...this.base(InteractionType.ApplicationCommandAutocomplete, options.user, options.channelId),
      data: { id: commands.idOf("mock-interview"), name: "mock-interview", type: ApplicationCommandType.ChatInput, guild_id: guild.id, options: data },
    };
  }

  /** A click on a button of a message the fake knows (one the bot sent), in that message's channel. */
  button(options: { user: APIUser; customId: string; messageId: string }): APIMessageComponentButtonInteraction {
    const message = this.settings.messages.get(options.messageId)?.message;
    if (!message) throw new Error(`FakeDiscord knows no message ${options.messageId} to click a button on`);
    return {
      ...this.base(InteractionType.MessageComponent, options.user, message.channel_id),
      data: { custom_id: options.customId, component_type: ComponentType.Button },
      message,
    };
  }

  /** A submitted modal: one text input per field, each in its own action row as Discord nests them. */
  modalSubmit(options: { user: APIUser; customId: string; fields: Record<string, string>; channelId?: string }): APIModalSubmitGuildInteraction {
    let id = 0;
    return {
      ...this.base(InteractionType.ModalSubmit, options.user, options.channelId),
      data: {
        custom_id: options.customId,
        components: Object.entries(options.fields).map(([customId, value]) => ({
          type: ComponentType.ActionRow,
          id: ++id,
          components: [{ type: ComponentType.TextInput, id: ++id, custom_id: customId, value }],
        })),
      },
    };
  }

  /**
   * The member submits the modal an interaction was answered with: what it showed (prefilled text,
   * default options) with `answers` changed, from the same channel (and message, for a button's).
   */
  submitModal(options: { user: APIUser; openedBy: { id: string }; answers?: ModalAnswers }): APIModalSubmitGuildInteraction {
    const opened = this.settings.interactions.get(options.openedBy.id);
    if (!opened?.modal) throw new Error(`interaction ${options.openedBy.id} was not answered with a modal`);
    const message = opened.componentMessageId ? this.settings.messages.get(opened.componentMessageId)?.message : undefined;
    return {
      ...this.base(InteractionType.ModalSubmit, options.user, opened.channelId),
      data: { custom_id: opened.modal.custom_id, components: fillModal(opened.modal, options.answers) },
      ...(message ? { message } : {}),
    };
  }

  /** What every guild interaction carries: a fresh id and token, the guild, the channel, the member and both sides' permissions. */
  private base<Type extends InteractionType>(type: Type, user: APIUser, channelId?: string) {
    const { ids, guild, applicationId } = this.settings;
    const id = ids.next();
    const channel = guild.channels.byId(channelId ?? guild.channel.id);
    if (!channel) throw new Error(`FakeDiscord knows no channel ${String(channelId)}`);
    const permissions = String(guild.permissionsIn(channel.id, user.id));
    const member: APIInteractionGuildMember = { ...guild.member(user), user, permissions };
    return {
      id,
      application_id: applicationId,
      type,
      token: Buffer.from(`interaction:${id}:${randomBytes(48).toString("base64url")}`).toString("base64url"),
      version: 1 as const,
      guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
      guild_id: guild.id,
      channel: { ...channel, permissions },
      channel_id: channel.id,
      member,
      app_permissions: String(guild.permissionsIn(channel.id, guild.bot.id)),
      locale: Locale.EnglishGB,
      guild_locale: Locale.EnglishUS,
      entitlements: [],
      authorizing_integration_owners: { "0": guild.id },
      context: 0 as const,
      attachment_size_limit: 10_485_760,
    };
  }
}
