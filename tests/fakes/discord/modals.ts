import { ComponentType, TextInputStyle, type APIModalSubmissionComponent } from "discord.js";
import { z } from "zod";

/**
 * Modals as Discord validates them (https://discord.com/developers/docs/components/reference): a
 * title of at most 45 characters, one to five top-level components, each a Label (wrapping a text
 * input or a string select), a Text Display, or a legacy action row holding one labelled text
 * input; every limit below answered with Discord's 50035 if broken. `fillModal` is the member: it
 * takes what the modal showed (prefilled values, default options), changes what the test says,
 * and builds the MODAL_SUBMIT components Discord would send.
 */

const maxLength = (limit: number) => `Must be ${limit} or fewer in length.`;

const TextInputSchema = z
  .looseObject({
    type: z.literal(ComponentType.TextInput),
    custom_id: z.string().min(1).max(100, maxLength(100)),
    style: z.union([z.literal(TextInputStyle.Short), z.literal(TextInputStyle.Paragraph)]),
    min_length: z.number().int().min(0).max(4000).optional(),
    max_length: z.number().int().min(1).max(4000).optional(),
    required: z.boolean().optional(),
    value: z.string().max(4000, maxLength(4000)).optional(),
    placeholder: z.string().max(100, maxLength(100)).optional(),
  })
  .refine((input) => input.value === undefined || input.max_length === undefined || input.value.length <= input.max_length, "Value is longer than max_length");

const SelectOptionSchema = z.looseObject({
  label: z.string().min(1).max(100, maxLength(100)),
  value: z.string().min(1).max(100, maxLength(100)),
  description: z.string().max(100, maxLength(100)).optional(),
  default: z.boolean().optional(),
});

const StringSelectSchema = z
  .looseObject({
    type: z.literal(ComponentType.StringSelect),
    custom_id: z.string().min(1).max(100, maxLength(100)),
    options: z.array(SelectOptionSchema).min(1).max(25, maxLength(25)),
    placeholder: z.string().max(150, maxLength(150)).optional(),
    min_values: z.number().int().min(0).max(25).optional(),
    max_values: z.number().int().min(1).max(25).optional(),
    required: z.boolean().optional(),
  })
  .refine((select) => (select.max_values ?? 1) <= select.options.length, "max_values must not exceed the number of options")
  .refine((select) => (select.min_values ?? 1) <= (select.max_values ?? 1), "min_values must not exceed max_values")
  .refine((select) => select.options.filter((option) => option.default).length <= (select.max_values ?? 1), "More default options than max_values")
  .refine((select) => new Set(select.options.map((option) => option.value)).size === select.options.length, "Option values must be unique");

// Inside a Label, a text input takes its label from the Label: Discord refuses one of its own there.
const LabelSchema = z.looseObject({
  type: z.literal(ComponentType.Label),
  label: z.string().min(1).max(45, maxLength(45)),
  description: z.string().max(100, maxLength(100)).optional(),
  component: z.union([TextInputSchema.refine((input) => !("label" in input), "A text input inside a label cannot have its own label"), StringSelectSchema]),
});
const TextDisplaySchema = z.looseObject({ type: z.literal(ComponentType.TextDisplay), content: z.string().min(1).max(4000, maxLength(4000)) });
const LegacyRowSchema = z.looseObject({
  type: z.literal(ComponentType.ActionRow),
  components: z.tuple([TextInputSchema.and(z.looseObject({ label: z.string().min(1).max(45, maxLength(45)) }))]),
});

export const ModalSchema = z
  .looseObject({
    custom_id: z.string().min(1).max(100, maxLength(100)),
    title: z.string().min(1).max(45, maxLength(45)),
    components: z.array(z.union([LabelSchema, TextDisplaySchema, LegacyRowSchema])).min(1).max(5, maxLength(5)),
  })
  .refine((modal) => {
    const ids = modal.components.flatMap((component) =>
      component.type === ComponentType.Label ? [component.component.custom_id] : component.type === ComponentType.ActionRow ? component.components.map((input) => input.custom_id) : [],
    );
    return new Set(ids).size === ids.length;
  }, "Component custom_ids must be unique");
export type ShownModal = z.infer<typeof ModalSchema>;

/** What the member enters: text for a text input, the chosen values for a select; anything left out stays as shown. */
export type ModalAnswers = Record<string, string | readonly string[]>;

/** The MODAL_SUBMIT components for `modal` filled in with `answers`; throws where the Discord client would not let the member submit. */
export function fillModal(modal: ShownModal, answers: ModalAnswers = {}): APIModalSubmissionComponent[] {
  let id = 0;
  const known = new Set<string>();
  const components = modal.components.map((component): APIModalSubmissionComponent => {
    if (component.type === ComponentType.TextDisplay) return { type: ComponentType.TextDisplay, id: ++id };
    const input = component.type === ComponentType.Label ? component.component : component.components[0];
    known.add(input.custom_id);
    const answer = answers[input.custom_id];
    if (input.type === ComponentType.StringSelect) {
      const values = answer === undefined ? input.options.filter((option) => option.default).map((option) => option.value) : typeof answer === "string" ? [answer] : [...answer];
      const offered = new Set(input.options.map((option) => option.value));
      if (values.some((value) => !offered.has(value))) throw new Error(`the select ${input.custom_id} offers no ${values.find((value) => !offered.has(value))}`);
      const min = input.required === false ? 0 : (input.min_values ?? 1);
      if (values.length < min || values.length > (input.max_values ?? 1)) throw new Error(`the select ${input.custom_id} takes ${min} to ${input.max_values ?? 1} values, not ${values.length}`);
      const labelId = ++id;
      return { type: ComponentType.Label, id: labelId, component: { type: ComponentType.StringSelect, id: ++id, custom_id: input.custom_id, values } };
    }
    if (Array.isArray(answer)) throw new Error(`the text input ${input.custom_id} takes text`);
    const value = typeof answer === "string" ? answer : (input.value ?? "");
    if (input.required !== false && !value) throw new Error(`the text input ${input.custom_id} is required`);
    if (value.length > (input.max_length ?? 4000) || value.length < (input.min_length ?? 0)) throw new Error(`the text input ${input.custom_id} takes ${input.min_length ?? 0} to ${input.max_length ?? 4000} characters`);
    const textInput = { type: ComponentType.TextInput as const, id: 0, custom_id: input.custom_id, value };
    if (component.type === ComponentType.ActionRow) {
      const rowId = ++id;
      return { type: ComponentType.ActionRow, id: rowId, components: [{ ...textInput, id: ++id }] };
    }
    const labelId = ++id;
    return { type: ComponentType.Label, id: labelId, component: { ...textInput, id: ++id } };
  });
  const unknown = Object.keys(answers).find((key) => !known.has(key));
  if (unknown) throw new Error(`the modal has no field ${unknown}`);
  return components;
}
