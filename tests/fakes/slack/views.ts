/** A modal the app opened, as views.open received it. */
export interface OpenedView {
  id: string;
  triggerId: string;
  view: ModalPayload;
}

export interface ModalPayload {
  type: string;
  callback_id?: string;
  title?: { text?: string };
  submit?: { text?: string };
  close?: { text?: string };
  private_metadata?: string;
  blocks: Array<Record<string, unknown>>;
}

/**
 * Checks a modal against Block Kit's documented limits, so a view Slack would refuse is refused
 * here too (`invalid_arguments` with the reasons, as Slack lists them in `response_metadata`).
 */
export function modalProblems(view: unknown): string[] {
  if (typeof view !== "object" || view === null) return ["view is required"];
  const modal = view as Partial<ModalPayload>;
  const problems: string[] = [];
  const tooLong = (text: unknown, limit: number, where: string) => {
    if (typeof text === "string" && text.length > limit) problems.push(`${where} must be at most ${limit} characters`);
  };
  if (modal.type !== "modal") problems.push("view.type must be modal");
  if (!modal.title?.text) problems.push("view.title is required");
  tooLong(modal.title?.text, 24, "title");
  tooLong(modal.submit?.text, 24, "submit");
  tooLong(modal.close?.text, 24, "close");
  tooLong(modal.private_metadata, 3_000, "private_metadata");
  tooLong(modal.callback_id, 255, "callback_id");
  const blocks = Array.isArray(modal.blocks) ? modal.blocks : [];
  if (blocks.length > 100) problems.push("a view holds at most 100 blocks");
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    const id = block.block_id;
    if (typeof id === "string") {
      if (blockIds.has(id)) problems.push(`blocks[${index}]: duplicate block_id ${id}`);
      blockIds.add(id);
      tooLong(id, 255, `blocks[${index}].block_id`);
    }
    if (block.type !== "input") return;
    const label = (block.label as { text?: string } | undefined)?.text;
    if (!label) problems.push(`blocks[${index}]: an input block needs a label`);
    tooLong(label, 2_000, `blocks[${index}].label`);
    const element = block.element as Record<string, unknown> | undefined;
    if (!element) return void problems.push(`blocks[${index}]: an input block needs an element`);
    if (element.type === "static_select") {
      const options = (element.options as Array<{ text?: { text?: string }; value?: string }> | undefined) ?? [];
      if (options.length === 0 || options.length > 100) problems.push(`blocks[${index}]: a select needs 1 to 100 options`);
      for (const option of options) {
        tooLong(option.text?.text, 75, `blocks[${index}] option text`);
        tooLong(option.value, 150, `blocks[${index}] option value`);
      }
      const initial = element.initial_option as { value?: string } | undefined;
      if (initial && !options.some((option) => option.value === initial.value)) problems.push(`blocks[${index}]: initial_option must be one of the options`);
    }
    if (element.type === "plain_text_input") {
      const max = typeof element.max_length === "number" ? element.max_length : 3_000;
      if (max > 3_000) problems.push(`blocks[${index}]: max_length is at most 3000`);
      tooLong(element.initial_value, max, `blocks[${index}].initial_value`);
    }
  });
  return problems;
}
