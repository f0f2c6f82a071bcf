import type { Clock } from "../../src/core/clock.js";

/** A clock the test moves by hand, so pacing can be exercised without waiting. */
export class ManualClock implements Clock {
  constructor(private time = Date.parse("2026-11-02T10:00:00Z")) {}

  now(): number {
    return this.time;
  }

  advanceMinutes(minutes: number): void {
    this.time += minutes * 60_000;
  }
}
