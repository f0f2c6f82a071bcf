/** A sentence of a candidate's message, kept verbatim so it can be quoted as evidence. */
export interface Sentence {
  text: string;
  /** Index of the candidate message it came from. */
  messageIndex: number;
}

// A sentence ends at . ! ? followed by whitespace, or at a line break (lists and bullet points).
const BOUNDARY = /(?<=[.!?])\s+(?=\S)|\n+/;

/** Splits a message into trimmed, verbatim sentences (each is an exact substring of the message). */
export function splitSentences(message: string, messageIndex = 0): Sentence[] {
  return message
    .split(BOUNDARY)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((text) => ({ text, messageIndex }));
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
