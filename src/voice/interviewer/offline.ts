import type { Interviewer, InterviewerReply, TurnRequest } from "./port.js";
import { lineFor } from "./lines.js";

/**
 * The scripted interviewer: deterministic words for the engine's beats, drawn from the problem and
 * rubric data. It needs no network, so it is the default and the fallback when an LLM fails.
 */
export class OfflineInterviewer implements Interviewer {
  readonly name = "offline";

  async write(request: TurnRequest): Promise<InterviewerReply> {
    const seed = `${request.session.id}:${request.session.transcript.length}`;
    const lines = request.beats.map((beat) => lineFor(beat, seed)).filter((line) => line.length > 0);
    return { text: lines.join("\n\n") };
  }
}
