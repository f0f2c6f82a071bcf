import {
  ApplicationCommandOptionType,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIInteractionDataResolvedGuildMember,
  type APIUser,
} from "discord.js";

/** An option's value as a test gives it: text, a flag, or a member picked in a user option. */
export type OptionValue = string | boolean | APIUser;

/** `/mock-interview [group] <subcommand> options…` as Discord nests it, and the users a user option resolved. */
export interface CommandShape {
  subcommand?: string;
  group?: string;
  options?: Record<string, OptionValue | undefined>;
  /** The option being typed into (autocomplete) and what was typed so far. */
  focused?: { name: string; typed: string };
}

/**
 * The interaction's `data.options` and `data.resolved` for a command shape: options of the
 * subcommand inside it (inside the group), user options as ids with the users and their member
 * data in `resolved`, as Discord sends them.
 */
export function commandOptions(shape: CommandShape, memberOf: (user: APIUser) => APIInteractionDataResolvedGuildMember): {
  options: APIApplicationCommandInteractionDataOption[];
  resolved?: { users: Record<string, APIUser>; members: Record<string, APIInteractionDataResolvedGuildMember> };
} {
  const users: Record<string, APIUser> = {};
  const members: Record<string, APIInteractionDataResolvedGuildMember> = {};
  const basic: APIApplicationCommandInteractionDataBasicOption[] = [];
  for (const [name, value] of Object.entries(shape.options ?? {})) {
    if (value === undefined) continue;
    if (typeof value === "string") basic.push({ name, type: ApplicationCommandOptionType.String, value });
    else if (typeof value === "boolean") basic.push({ name, type: ApplicationCommandOptionType.Boolean, value });
    else {
      basic.push({ name, type: ApplicationCommandOptionType.User, value: value.id });
      users[value.id] = value;
      members[value.id] = memberOf(value);
    }
  }
  if (shape.focused) basic.push({ name: shape.focused.name, type: ApplicationCommandOptionType.String, value: shape.focused.typed, focused: true });
  let options: APIApplicationCommandInteractionDataOption[] = basic;
  if (shape.subcommand) {
    const subcommand = { name: shape.subcommand, type: ApplicationCommandOptionType.Subcommand as const, options: basic };
    options = shape.group ? [{ name: shape.group, type: ApplicationCommandOptionType.SubcommandGroup, options: [subcommand] }] : [subcommand];
  }
  return { options, ...(Object.keys(users).length ? { resolved: { users, members } } : {}) };
}
