/** Message bodies as Discord validates them (content, embeds, buttons, nonces, attachments), with its limits and messages. */
import { ComponentType, RESTJSONErrorCodes } from "discord.js";
import { z } from "zod";
import { invalidForm, type RestAnswer } from "./rest-answers.js";

/** Discord's message for a value over its limit. */
export const maxLength = (limit: number) => `Must be ${limit} or fewer in length.`;
const EmbedSchema = z.looseObject({
  title: z.string().max(256, maxLength(256)).optional(),
  description: z.string().max(4096, maxLength(4096)).optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  fields: z
    .array(z.looseObject({ name: z.string().min(1, "This field is required").max(256, maxLength(256)), value: z.string().min(1, "This field is required").max(1024, maxLength(1024)), inline: z.boolean().optional() }))
    .max(25, maxLength(25))
    .optional(),
  footer: z.looseObject({ text: z.string().max(2048, maxLength(2048)) }).optional(),
  author: z.looseObject({ name: z.string().max(256, maxLength(256)) }).optional(),
});
const ButtonSchema = z.looseObject({
  type: z.literal(ComponentType.Button),
  style: z.number().int().min(1).max(6),
  label: z.string().max(80, maxLength(80)).optional(),
  custom_id: z.string().min(1).max(100, maxLength(100)).optional(),
});
const RowSchema = z.looseObject({ type: z.literal(ComponentType.ActionRow), components: z.array(ButtonSchema).min(1).max(5, maxLength(5)) });
export const MessageBodySchema = z.looseObject({
  content: z.string().max(2000, maxLength(2000)).nullish(),
  embeds: z.array(EmbedSchema).max(10, maxLength(10)).nullish(),
  components: z.array(RowSchema).max(5, maxLength(5)).nullish(),
  flags: z.number().int().optional(),
  nonce: z.union([z.string().max(25, maxLength(25)), z.number().int()]).optional(),
  enforce_nonce: z.boolean().optional(),
  allowed_mentions: z.looseObject({ parse: z.array(z.enum(["roles", "users", "everyone"])).optional() }).optional(),
});
/** The `attachments` of a multipart message's `payload_json`: filenames and alt text by file index. */
export const AttachmentsBodySchema = z.looseObject({ attachments: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), filename: z.string().optional(), description: z.string().max(1024, maxLength(1024)).optional() })).optional() });

/** A message body Discord would refuse: over a limit (50035), or with nothing to show (50006). */
export function messageProblem(body: unknown, options: { requireContent: boolean }): RestAnswer | undefined {
  const parsed = MessageBodySchema.safeParse(body ?? {});
  if (!parsed.success) return invalidForm(parsed.error);
  const { content, embeds, components } = parsed.data;
  const embedTotal = (embeds ?? []).reduce(
    (sum, embed) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0) + (embed.fields ?? []).reduce((fieldSum, field) => fieldSum + field.name.length + field.value.length, 0),
    0,
  );
  if (embedTotal > 6000) return invalidForm(undefined, ["embeds"], "Embed size exceeds maximum size of 6000");
  if (options.requireContent && !content && !embeds?.length && !components?.length) return { status: 400, body: { message: "Cannot send an empty message", code: RESTJSONErrorCodes.CannotSendAnEmptyMessage } };
  return undefined;
}
