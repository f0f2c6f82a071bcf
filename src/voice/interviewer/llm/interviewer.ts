import type { Clock } from "../../../core/clock.js";
import type { Content } from "../../../engine/context.js";
import type { ChatModel } from "../../llm/chat.js";
import { graphemePrefix } from "../../../core/text/clip.js";
import { lineFor } from "../lines.js";
import type { Interviewer, InterviewerReply, TurnRequest } from "../port.js";
import type { Beat } from "../../../engine/plan.js";
import { SCRIPTED_BEATS, turnMessages } from "./prompts.js";
import { TurnOutputSchema } from "./schemas.js";

/** Longest message we pass on from the model; anything longer is a model gone astray. */
const MAX_MESSAGE_CHARS = 2_500;
/** Claims read from one turn; a longer list is a model listing sentences, not judging them. */
const MAX_CLAIMS = 8;

/**
 * The LLM writes the conversational part of a turn (reactions, probes, questions) from the engine's
 * beats; exact content (hint rungs, the problem statement, notices) is always the scripted text.
 * Turns with nothing conversational, and command turns, make no model call at all.
 */
export class LlmInterviewer implements Interviewer {
  readonly name = "llm";

  constructor(
    private readonly model: ChatModel,
    private readonly content: Content,
    private readonly clock: Clock,
  ) {}

  async write(request: TurnRequest): Promise<InterviewerReply> {
    const { session, problem, beats } = request;
    const seed = `${session.id}:${session.transcript.length}`;
    const conversational = beats.filter((beat) => !SCRIPTED_BEATS.has(beat.kind));
    if (conversational.length === 0 || request.candidateText === null) {
      return { text: beats.map((beat) => lineFor(beat, seed)).filter(Boolean).join("\n\n") };
    }
    // The model's words stand where the first conversational beat was; scripted lines keep their places.
    const first = beats.findIndex((beat) => !SCRIPTED_BEATS.has(beat.kind));
    const scripted = (part: readonly Beat[]) => part.filter((beat) => SCRIPTED_BEATS.has(beat.kind)).map((beat) => lineFor(beat, seed));
    const before = scripted(beats.slice(0, first));
    const after = scripted(beats.slice(first));
    const compose = (said: string, lines: readonly string[]) => [...before, said, ...lines].filter(Boolean).join("\n\n");
    const { onText } = request;
    onText?.(compose("", []));
    const result = await this.model.structured({
      name: "interviewer_turn",
      schema: TurnOutputSchema,
      messages: turnMessages(session, problem, beats, this.content, this.clock.now()),
      // While it streams, the scripted lines before the model's words show with them; the ones after come with the reply.
      ...(onText ? { onMessage: (message: string) => onText(compose(graphemePrefix(message.trimStart(), MAX_MESSAGE_CHARS), [])) } : {}),
    });
    const said = graphemePrefix((result.value?.message ?? result.text).trim(), MAX_MESSAGE_CHARS);
    const state = session.interviewer;
    return {
      text: compose(said, after),
      claims: (result.value?.claims ?? []).slice(0, MAX_CLAIMS),
      state: {
        failures: 0,
        promptTokens: state.promptTokens + result.usage.promptTokens,
        completionTokens: state.completionTokens + result.usage.completionTokens,
        goalMetIn: result.value?.phaseGoalMet ? session.phase : state.goalMetIn,
      },
    };
  }
}
