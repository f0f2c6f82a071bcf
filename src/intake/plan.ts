import { parseCommand } from "../engine/commands.js";
import type { ActionEvent, MessageEvent, StartEvent } from "./events.js";
import type { WaitingEntry } from "./inbox.js";

/**
 * One engine call for a run of waiting events. `size` is how many inbox entries it answers; each
 * plan saves the session at most once, so answering and dropping its entries is a single step.
 */
export type TurnPlan =
  | { kind: "start"; event: StartEvent; size: 1 }
  | { kind: "action"; event: ActionEvent; size: 1 }
  /** Consecutive answers (answered together as one turn), or a single typed command. */
  | { kind: "messages"; events: MessageEvent[]; command: boolean; size: number }
  | { kind: "unreadable"; size: number };

/** Splits waiting events as the engine's receiveBurst would: answers run together, each command stands alone. */
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
        const message = event;
        const command = parseCommand(message.text) !== null;
        if (!command && last?.kind === "messages" && !last.command) {
          last.events.push(message);
          last.size++;
        } else {
          plans.push({ kind: "messages", events: [message], command, size: 1 });
        }
        break;
      }
    }
  }
  return plans;
}
