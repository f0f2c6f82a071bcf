import type { OutgoingMessage } from "../messages/message.js";
import type { TeamDeps } from "./deps.js";
import type { FocusPlan } from "./port.js";

// SKELETON (issue 7, being built): history, focused follow-ups and the progress chart.
export class History {
  constructor(private readonly deps: TeamDeps) {}

  list(user: string): Promise<OutgoingMessage> {
    return Promise.reject(new Error(`history not built yet (${user} ${this.deps.keys.schedules})`));
  }

  focus(user: string): Promise<FocusPlan> {
    return Promise.reject(new Error(`focus not built yet (${user})`));
  }

  progress(user: string, channelKey: string): Promise<OutgoingMessage> {
    return Promise.reject(new Error(`progress not built yet (${user} ${channelKey})`));
  }
}
