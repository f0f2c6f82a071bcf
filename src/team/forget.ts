import type { OutgoingMessage } from "../messages/message.js";
import type { TeamDeps } from "./deps.js";

// SKELETON (issue 7, being built): forget-me.
export class Forgetting {
  constructor(private readonly deps: TeamDeps) {}

  prompt(user: string): Promise<OutgoingMessage> {
    return Promise.reject(new Error(`forget-me not built yet (${user} ${this.deps.keys.schedules})`));
  }

  forget(user: string): Promise<OutgoingMessage> {
    return Promise.reject(new Error(`forget-me not built yet (${user})`));
  }
}
