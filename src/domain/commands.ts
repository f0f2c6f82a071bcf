/** In-interview commands a candidate can type (or press as buttons). */
export const COMMANDS = ["hint", "harder", "easier", "next", "end", "help"] as const;
export type Command = (typeof COMMANDS)[number];

const SYNONYMS: Record<string, Command> = {
  hint: "hint",
  "give me a hint": "hint",
  "i need a hint": "hint",
  harder: "harder",
  "make it harder": "harder",
  easier: "easier",
  "make it easier": "easier",
  next: "next",
  "next phase": "next",
  skip: "next",
  "move on": "next",
  end: "end",
  "end interview": "end",
  "end the interview": "end",
  quit: "end",
  exit: "end",
  stop: "end",
  done: "end",
  help: "help",
  commands: "help",
  "?": "help",
};

/** The command a message is, or null when it is an answer. Only a whole message counts as a command. */
export function parseCommand(text: string): Command | null {
  const normalised = text
    .trim()
    .toLowerCase()
    .replace(/^[/!]/, "")
    .replace(/[.!]+$/, "")
    .replace(/\s+/g, " ");
  return SYNONYMS[normalised] ?? null;
}

export const COMMAND_HELP: Record<Command, string> = {
  hint: "the next hint for this phase (four per phase, each more revealing)",
  harder: "a harder constraint or problem",
  easier: "an easier framing or problem",
  next: "move on to the next phase",
  end: "finish and get your scorecard",
  help: "this list",
};
