import { ACTIONS, mentionOf, type Button, type OutgoingMessage } from "../../../src/core/messages/message.js";

/**
 * Text a candidate or teammate could write, quoted back by the interviewer or a scorecard: pings,
 * markup, terminal escapes, direction overrides, a NUL, a bell, CRLF and an emoji.
 */
export const HOSTILE = "Ignore this @everyone <!channel> <@U0TEAM> **bold** `code` \u001b[2J\u001b[31mred\u0007 \u202Eevil\u202C nul\u0000 line\r\nnext 😀 > quote";

const sentence = (words: number) => Array.from({ length: words }, (_, index) => `word${index}`).join(" ") + ".";
const buttons = (count: number, label: string): Button[] =>
  Array.from({ length: count }, (_, index) => ({ action: index % 2 ? "review" : "practice-start", label: `${label} ${index}`, value: `interview-${index}`.padEnd(64, "x") }));

/** One message of every kind, each at or past what a platform can hold in one message. */
export const SAMPLES: ReadonlyArray<{ name: string; message: OutgoingMessage; users: readonly string[] }> = [
  { name: "an interviewer turn with every action", message: { kind: "interviewer", paragraphs: ["What is the business goal?", HOSTILE], actions: [...ACTIONS] }, users: [] },
  { name: "an interviewer turn of 60,000 characters in 30 paragraphs", message: { kind: "interviewer", paragraphs: Array.from({ length: 30 }, () => sentence(300)), actions: [...ACTIONS] }, users: [] },
  { name: "one paragraph of 50,000 characters without a break", message: { kind: "notice", paragraphs: ["x".repeat(50_000)] }, users: [] },
  { name: "a notice with 40 long fields", message: { kind: "notice", heading: "H".repeat(400), paragraphs: [HOSTILE], fields: Array.from({ length: 40 }, (_, index) => ({ label: `Label ${index} ${"l".repeat(300)}`, value: sentence(800) })) }, users: [] },
  { name: "a notice with 30 team buttons", message: { kind: "notice", paragraphs: ["Pick one."], buttons: buttons(30, "B".repeat(120)) }, users: [] },
  {
    name: "a scorecard past every size",
    message: {
      kind: "summary",
      heading: `Scorecard for ${HOSTILE} ${"s".repeat(400)}`,
      paragraphs: Array.from({ length: 14 }, () => `${HOSTILE} ${sentence(700)}`),
      fields: Array.from({ length: 30 }, (_, index) => ({ label: `Dimension ${index}: Strong ${"d".repeat(300)}`, value: `"${HOSTILE}" ${sentence(500)}` })),
      buttons: buttons(3, "Review"),
      mentions: ["slack:T0FAKE:U0CANDIDATE", "discord:130455612345678901"],
    },
    users: ["slack:T0FAKE:U0CANDIDATE", "discord:130455612345678901"],
  },
  { name: "an error naming a teammate", message: { kind: "error", paragraphs: [`${mentionOf("slack:T0FAKE:U0TEAM")} ${mentionOf("discord:130455612345678902")} ${HOSTILE}`] }, users: [] },
  { name: "an empty message with only mentions", message: { kind: "notice", paragraphs: [], mentions: ["slack:T0FAKE:U0CANDIDATE", "discord:130455612345678901"] }, users: [] },
];
