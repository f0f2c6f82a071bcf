/** Application commands: bulk overwrites validated as Discord does, kept globally or per guild, and one stable id per command name. */
import { ApplicationCommandType, RESTJSONErrorCodes, type APIApplicationCommand, type APIApplicationCommandOption } from "discord.js";
import { CommandsSchema } from "./command-schema.js";
import { invalidForm, type RestAnswer, type RestRequest } from "./rest-answers.js";
import type { Snowflakes } from "./snowflakes.js";

export class FakeCommands {
  private readonly ids = new Map<string, string>();
  private readonly registered = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly settings: { ids: Snowflakes; applicationId: string; guildId: string }) {}

  /** Commands registered by PUT, globally or for one guild. */
  list(guildId?: string): APIApplicationCommand[] {
    return this.registered.get(guildId ?? "global") ?? [];
  }

  /** The command's id: made the first time it is asked for or registered, the same ever after. */
  idOf(name: string): string {
    const known = this.ids.get(name);
    if (known) return known;
    const id = this.settings.ids.next();
    this.ids.set(name, id);
    return id;
  }

  /** `PUT /applications/:id[/guilds/:id]/commands`: replaces the whole set. */
  put(request: RestRequest, app: string | undefined, guildId: string | undefined): RestAnswer {
    const { applicationId } = this.settings;
    if (app !== applicationId || (guildId !== undefined && guildId !== this.settings.guildId)) return { status: 403, body: { message: "Missing Access", code: RESTJSONErrorCodes.MissingAccess } };
    const parsed = CommandsSchema.safeParse(request.body);
    if (!parsed.success) return invalidForm(parsed.error);
    const version = this.settings.ids.next();
    const commands = parsed.data.map((command): APIApplicationCommand => ({
      id: this.idOf(command.name),
      application_id: applicationId,
      version,
      type: command.type ?? ApplicationCommandType.ChatInput,
      name: command.name,
      name_localizations: null,
      description: command.description ?? "",
      description_localizations: null,
      ...(command.options ? { options: command.options as APIApplicationCommandOption[] } : {}),
      default_member_permissions: command.default_member_permissions ?? null,
      nsfw: false,
      ...(guildId ? { guild_id: guildId } : { contexts: command.contexts ?? null, integration_types: command.integration_types ?? [0] }),
    }));
    this.registered.set(guildId ?? "global", commands);
    return { status: 200, body: commands };
  }
}
