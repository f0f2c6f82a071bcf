import { ApplicationCommandOptionType, ApplicationCommandType } from "discord.js";
import { z } from "zod";

/**
 * Application commands as Discord validates a bulk overwrite
 * (https://discord.com/developers/docs/interactions/application-commands): names, descriptions and
 * choice limits at every level; subcommands inside groups only, basic options inside subcommands
 * only, no mixing of subcommands with other options at one level (Discord refuses it), and required
 * options before optional ones.
 */

const maxLength = (limit: number) => `Must be ${limit} or fewer in length.`;
const NAME = z.string().regex(/^[-_\p{L}\p{N}]{1,32}$/u, "Command name is invalid").refine((name) => name === name.toLowerCase(), "Command name must be lower case");
const NESTING = [ApplicationCommandOptionType.Subcommand, ApplicationCommandOptionType.SubcommandGroup] as number[];

interface Option {
  type: number;
  name: string;
  required?: boolean | undefined;
  options?: Option[] | undefined;
}

const OptionSchema: z.ZodType<Option> = z.lazy(() =>
  z
    .looseObject({
      type: z.number().int().min(1).max(11),
      name: NAME,
      description: z.string().min(1).max(100, maxLength(100)),
      required: z.boolean().optional(),
      autocomplete: z.boolean().optional(),
      min_length: z.number().int().min(0).max(6000).optional(),
      max_length: z.number().int().min(1).max(6000).optional(),
      choices: z.array(z.looseObject({ name: z.string().min(1).max(100), value: z.union([z.string().max(100), z.number()]) })).max(25, maxLength(25)).optional(),
      options: z.array(OptionSchema).max(25, maxLength(25)).optional(),
    })
    .refine((option) => !(option.autocomplete && option.choices?.length), "Autocomplete and choices cannot both be set")
    .refine((option) => !option.options?.length || NESTING.includes(option.type), "Only subcommands and groups take options")
    .refine(
      (option) => option.type !== ApplicationCommandOptionType.SubcommandGroup || (option.options ?? []).every((inner) => inner.type === ApplicationCommandOptionType.Subcommand),
      "A subcommand group holds subcommands only",
    )
    .refine(
      (option) => option.type !== ApplicationCommandOptionType.Subcommand || (option.options ?? []).every((inner) => !NESTING.includes(inner.type)),
      "A subcommand holds basic options only",
    )
    .refine((option) => requiredFirst(option.options), "Required options must be placed before non-required options"),
);

export const CommandsSchema = z.array(
  z
    .looseObject({
      name: NAME,
      description: z.string().max(100, maxLength(100)).optional(),
      type: z.enum(ApplicationCommandType).optional(),
      options: z.array(OptionSchema).max(25, maxLength(25)).optional(),
      default_member_permissions: z.string().nullable().optional(),
      contexts: z.array(z.number().int()).nullable().optional(),
      integration_types: z.array(z.number().int()).optional(),
    })
    .refine((command) => requiredFirst(command.options), "Required options must be placed before non-required options")
    .refine((command) => {
      const nesting = (command.options ?? []).map((option) => NESTING.includes(option.type));
      return nesting.every(Boolean) || !nesting.some(Boolean);
    }, "Subcommands and subcommand groups cannot be mixed with other options"),
);

function requiredFirst(options: Option[] | undefined): boolean {
  const required = (options ?? []).map((option) => option.required === true);
  return required.every((isRequired, index) => !isRequired || required.slice(0, index).every(Boolean));
}
