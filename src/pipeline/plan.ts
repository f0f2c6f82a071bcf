import { parseCommand, type Command } from "../domain/commands.js";
import type { TurnInput } from "../engine/decide.js";
import type { ActionEvent, MessageEvent, StartEvent } from "../ports/events.js";
import type { WaitingEntry } from "../ports/inbox.js";

/**
 * One turn for a run of waiting events. `size` is how many inbox entries it answers; each plan
 * commits at most one session, so answering and dropping its entries is a single step. This is
 * the only place events are grouped and messages told from commands.
 */
export type TurnPlan =
  | { kind: "start"; event: StartEvent; size: 1 }
  | { kind: "action"; event: ActionEvent; size: 1 }
  /** Consecutive answers, anyone's (the engine keeps the candidate's), answered together as one turn. */
  | { kind: "answers"; events: MessageEvent[]; size: number }
  /** A message that was a command as a whole: it acts alone. */
  | { kind: "command"; event: MessageEvent; command: Command; size: 1 }
  | { kind: "unreadable"; size: number };

/** Splits waiting events into turns: answers run together, each command, press and start stands alone. */
export function planTurns(entries: readonly WaitingEntry[]): TurnPlan[] {
  const plans: TurnPlan[] = [];
  for (const { event } of entries) {
    const last = plans[plans.length - 1];
    if (!event) {
      if (last?.kind === "unreadable") last.size++;
      else plans.push({ kind: "unreadable", size: 1 });
      continue;
    }
    switch (event.kind) {
      case "start":
        plans.push({ kind: "start", event, size: 1 });
        break;
      case "action":
        plans.push({ kind: "action", event, size: 1 });
        break;
      case "message": {
        const command = parseCommand(event.text);
        if (command) plans.push({ kind: "command", event, command, size: 1 });
        else if (last?.kind === "answers") {
          last.events.push(event);
          last.size++;
        } else plans.push({ kind: "answers", events: [event], size: 1 });
        break;
      }
    }
  }
  return plans;
}

/** What the engine is asked for a plan; null for entries that can only be dropped. `newId` names a started interview. */
export function inputOf(plan: TurnPlan, newId: () => string): TurnInput | null {
  switch (plan.kind) {
    case "start": {
      const { threadKey, candidate, level, problem, focus } = plan.event;
      return { kind: "start", id: newId(), threadKey, candidate, level, problem, focus };
    }
    case "action":
      return { kind: "action", actorId: plan.event.actorId, action: plan.event.action };
    case "answers":
      return { kind: "answers", messages: plan.events.map(({ authorId, text }) => ({ authorId, text })) };
    case "command":
      return { kind: "command", authorId: plan.event.authorId, command: plan.command };
    case "unreadable":
      return null;
  }
}
