/**
 * Lines typed or piped into the terminal, joined into messages: a line is a message, except that a
 * line starting with ``` opens a block that runs to the closing fence, so a pasted diagram is one.
 */
export class FencedBlock {
  private open: string[] | undefined;

  /** The message this line completes, or undefined while a block is still open. */
  add(line: string): string | undefined {
    if (this.open) {
      this.open.push(line);
      if (!/^\s*```\s*$/.test(line)) return undefined;
      const message = this.open.join("\n");
      this.open = undefined;
      return message;
    }
    // "```mermaid" opens a block; a fence opened and closed on one line is an ordinary message.
    if (/^\s*```/.test(line) && !/^\s*```.*```\s*$/.test(line)) {
      this.open = [line];
      return undefined;
    }
    return line;
  }

  /** A block the input ended inside, as it stands. */
  rest(): string | undefined {
    const message = this.open?.join("\n");
    this.open = undefined;
    return message;
  }
}
