/** Time as the engine sees it; tests inject their own to exercise pacing. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
