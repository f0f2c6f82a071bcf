import { hash } from "../../content/bank.js";
import { COMMAND_HELP, COMMANDS } from "../../domain/commands.js";
import { PHASE_SPECS, type Phase } from "../../content/phases.js";
import type { Beat, DrawingGap, PhaseChangeReason } from "../../engine/plan.js";
import { shortQuote } from "../../engine/judgement/quote.js";
import { mainPath } from "../../engine/analysis/diagram/flow.js";
import type { Diagram } from "../../engine/analysis/diagram/model.js";
import { inSentence, listInWords } from "./words.js";

/**
 * Every sentence the offline interviewer says lives here, so its voice (direct, production-minded,
 * never gushing) can be read and tuned in one place.
 */

/** How a wrong claim the model found, with no entry in the data, is put to the candidate and shown. */
export const MODEL_FINDING_WORDS = {
  claim: "Made a claim the interviewer judged wrong for this problem.",
  challenge: "How would you defend that for this problem, or would you revise it?",
  correction: "The interviewer judged this claim wrong for this problem; work out why before your next interview.",
} as const;

export const HINT_RUNG_NAMES = ["nudge", "direction", "approach", "full architecture"] as const;

const ACKNOWLEDGEMENTS = ["Okay.", "Noted.", "Understood.", "Right.", "Got it."] as const;

const PHASE_OPENERS: Partial<Record<Phase, string>> = {
  requirements:
    "Let's pin down requirements. What is the business goal, what exactly would the model predict, and how would you tell, offline and online, that it works?",
  "high-level-design":
    "Walk me through the high-level design: how data flows from the sources to a prediction, which parts run offline and which online, and where the model gets its features at serving time.",
  "deep-dive": "Let's go deep on a couple of components.",
  scaling:
    "Now let's stress it. Prediction volume grows tenfold and the data keeps drifting: what breaks first, how do you retrain at that scale, and where does the money go?",
  "wrap-up":
    "We're close to time. With one more week, what would you change or de-risk first? And is there anything you'd like to ask me?",
};

const TRANSITIONS: Record<PhaseChangeReason, string> = {
  start: "",
  "goal-met": "That covers what I wanted from this part.",
  command: "Sure, let's move on.",
  time: "We're past the time for that part, so let's move on.",
  turns: "Let's move on.",
  budget: "We've used up this interview's budget for the AI interviewer, so let's wrap up.",
};

/** The words for one beat; `seed` varies the small talk deterministically. */
export function lineFor(beat: Beat, seed: string): string {
  switch (beat.kind) {
    case "greeting":
      return `Hi ${beat.candidateName}, good to meet you. I'm a principal ML engineer and I'll be your interviewer for this ML system design round. Let's get straight into it.`;
    case "focus":
      return focusLine(beat.dimensions.map((dimension) => dimension.title), beat.areas.map((area) => area.title));
    case "ask-level":
      return beat.retry
        ? "I didn't catch a level there. Which loop are you preparing for: junior, mid, senior or staff?"
        : "To pick the right problem: what level are you interviewing for (junior, mid, senior or staff), and which ML domain do you know best?";
    case "level-assumed":
      return `I'll assume a ${beat.level}-level loop; type harder if that turns out too gentle.`;
    case "present":
      return [
        `Here's your problem${beat.offLevel ? ` (usually asked at ${beat.problem.levels.join("/")} level, so expect a stretch)` : ""}: ${beat.problem.title}.`,
        beat.problem.statement.prompt,
        "Before you design anything, what would you want to clarify? Start from the business goal and how we'd know the system is working.",
      ].join("\n\n");
    case "switch-problem":
      return [
        `Let's switch to ${beat.direction === "harder" ? "something harder" : "something more approachable"}: ${beat.problem.title}.`,
        beat.problem.statement.prompt,
        "Same opening question: what would you clarify first?",
      ].join("\n\n");
    case "acknowledge":
      return pick(ACKNOWLEDGEMENTS, seed);
    case "clarification":
      return beat.facts.length
        ? `On your question: ${beat.facts.join(" ")} For anything else, make a reasonable assumption and say it out loud.`
        : "That one is yours to decide: make a reasonable assumption and say it out loud.";
    case "phase-intro":
      return [TRANSITIONS[beat.reason], PHASE_OPENERS[beat.phase] ?? ""].filter(Boolean).join(" ");
    case "probe":
      return beat.probe.question;
    case "challenge":
      return `${beat.order === 0 ? "Let me push back on something you said" : "And one more"}: "${shortQuote(beat.finding.quote)}" ${beat.finding.challenge}`;
    case "revision":
      return beat.finding.status === "corrected"
        ? "Good, that's the correction I was looking for."
        : "I'm not convinced, but let's keep going; I'll note it as a claim to revisit.";
    case "unpack":
      return `That's a list of components rather than a design. Take ${listInWords(beat.concepts)}: walk me through how data moves between them, and why this problem needs each one.`;
    case "diagram":
      return drawingLine(beat);
    case "diagram-unreadable":
      return `I couldn't draw that diagram. Line ${beat.line}${beat.text ? ` (${quoteLine(beat.text)})` : ""}: ${beat.reason}. I've read your answer as text; fix that line and send the block again to see it drawn.`;
    case "diagram-refused":
      if (beat.reason === "too-many-nodes") return `That drawing has ${beat.size} boxes and I draw at most ${beat.limit}, so I haven't drawn it. I've read your answer as text; draw the main flow with fewer boxes to see it.`;
      if (beat.reason === "too-many-edges") return `That drawing has ${beat.size} arrows and I draw at most ${beat.limit}, so I haven't drawn it. I've read your answer as text; draw the main flow with fewer arrows to see it.`;
      return `That drawing is ${kilobytes(beat.size)} and I draw at most ${kilobytes(beat.limit)}, so I haven't drawn it. I've read your answer as text; send a smaller drawing to see it.`;
    case "area-question":
      return beat.area.question;
    case "deep-dive":
      return `On ${lowerFirst(beat.title)}: ${beat.question}`;
    case "guiding":
      return `Let me give you a way in. ${beat.question}`;
    case "hint":
      return `Hint ${beat.rung} of 4 (${HINT_RUNG_NAMES[beat.rung - 1] ?? "hint"}): ${beat.text}`;
    case "hint-exhausted":
      return "That was the last hint for this phase. Take your best shot, or type next to move on.";
    case "no-hint-here":
      return "There's no hint ladder for this part of the interview. Answer in your own words, or type next to move on.";
    case "follow-up":
      return `${beat.requested ? "Here's a harder twist." : "You're moving quickly, so let me add a constraint."} ${beat.constraint} ${beat.question}`;
    case "simplification":
      return `${beat.requested ? "Let's make it more manageable." : "Let's simplify to get some traction."} ${beat.text}`;
    case "nothing-more":
      return beat.what === "harder"
        ? "That's every extra constraint I have for this problem. Keep pushing on the design itself."
        : "I can't simplify this one further. Try hint for a nudge instead.";
    case "nudge":
      return `A note on time: we've spent about ${beat.minutes} minutes on ${PHASE_SPECS[beat.phase].title.toLowerCase()}, over the ${beat.budget} I'd budget. Wrap this part up in your next answer and we'll move on.`;
    case "wrap-up-done":
      return "Thanks, that's everything I wanted to cover. Type end when you're ready for your scorecard; until then I'm happy to keep discussing.";
    case "closing":
      return "Thanks for your time, that's the interview. I'm writing up your scorecard now.";
    case "truncated":
      return `Your message was over ${beat.limit.toLocaleString("en-US")} characters, so I read only the first ${beat.limit.toLocaleString("en-US")}.`;
    case "help":
      return ["Type your answers as you would speak them. At any time you can type:", ...COMMANDS.map((name) => `${name}: ${COMMAND_HELP[name]}`)].join("\n");
    case "needs-level":
      return "First tell me your level (junior, mid, senior or staff) so I can choose the problem.";
  }
}

/** The words posted with the picture of a candidate's drawing. */
export const DRAWING_CAPTION = "Your drawing, as I read it:";

/** A screen reader's description of a drawing: its size and its main flow, in order. */
export function diagramAlt(diagram: Diagram): string {
  const flow = mainPath(diagram).map((node) => node.label);
  const size = `Diagram of ${count(diagram.nodes.length, "component")} and ${count(diagram.edges.length, "arrow")}`;
  const described = flow.length >= 2 ? `${size}; main flow: ${flow.join(" → ")}` : `${size}: ${diagram.nodes.map((node) => node.label).join(", ")}`;
  return [...described].length > 400 ? `${[...described].slice(0, 399).join("")}…` : described;
}

/** What each part a drawing can leave out is called, and how it is asked about. */
export const DRAWING_GAP_WORDS = {
  feedback: { missing: "a path bringing outcomes back to training", question: "Nothing in it brings outcomes back to training: where do the labels come from, and how do they reach the next model?" },
  monitoring: { missing: "any monitoring", question: "Nothing in it watches the system in production: what would you monitor, and what would make you act?" },
  serving: { missing: "where predictions are served", question: "I don't see where a request meets the model: where are predictions served, and how fast must they come back?" },
} as const satisfies Record<DrawingGap, { missing: string; question: string }>;

function drawingLine(beat: Extract<Beat, { kind: "diagram" }>): string {
  const parts = [`Here's your drawing: ${count(beat.components, "component")} and ${count(beat.arrows, "arrow")}.`];
  if (beat.shows.length) parts.push(`It shows ${listInWords(beat.shows.map((area) => inSentence(area.title)))}.`);
  if (beat.gaps.length === 0) parts.push("It covers the system end to end, from the data to monitoring and back to training.");
  else if (beat.ask) {
    const [first, ...rest] = beat.gaps;
    if (rest.length) parts.push(`It leaves out ${listInWords(rest.map((gap) => DRAWING_GAP_WORDS[gap].missing))}, and more urgently:`);
    if (first) parts.push(DRAWING_GAP_WORDS[first].question);
  } else parts.push(`It leaves out ${listInWords(beat.gaps.map((gap) => DRAWING_GAP_WORDS[gap].missing))}.`);
  return parts.join(" ");
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KB`;
}

/** A line of the candidate's drawing, shown back short and without markup. */
function quoteLine(text: string): string {
  const short = [...text].length > 60 ? `${[...text].slice(0, 59).join("")}…` : text;
  return `"${short.replaceAll('"', "'")}"`;
}

/** "In your recent interviews, trade-off analysis was your weakest dimension and …, so this interview leans on them." */
function focusLine(dimensions: readonly string[], areas: readonly string[]): string {
  const weakest = dimensions.length
    ? `${listInWords(dimensions.map(inSentence))} ${dimensions.length === 1 ? "was your weakest dimension" : "were your weakest dimensions"}`
    : "";
  const least = areas.length ? `${listInWords(areas.map(inSentence))} ${areas.length === 1 ? "was the area" : "were the areas"} your designs covered least` : "";
  const them = dimensions.length + areas.length === 1 ? "it" : "them";
  return `In your recent interviews, ${[weakest, least].filter(Boolean).join(", and ")}, so this interview leans on ${them}: expect more questions there.`;
}

function pick<T>(options: readonly T[], seed: string): T {
  const chosen = options[hash(seed) % options.length];
  if (chosen === undefined) throw new RangeError("pick needs at least one option");
  return chosen;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
