import type { SlackCall } from "../slack.js";

/** Which Web API calls a fault applies to: by method, by channel (the call's `channel` argument), or by any test of the call. */
export interface FaultScope {
  method?: string;
  channel?: string;
  when?: (call: SlackCall) => boolean;
}

/** How the fake answers a call a fault took: an HTTP status, headers and body, as Slack's edge sends them. */
export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Fault {
  answer(call: SlackCall, position: number): FaultAnswer | undefined;
  end(): void;
}

function matches(scope: FaultScope, call: SlackCall): boolean {
  return (scope.method === undefined || scope.method === call.method) && (scope.channel === undefined || scope.channel === call.body.channel) && (scope.when?.(call) ?? true);
}

/** Slack's edge failing: every call in scope gets this 5xx (and an HTML body, as a load balancer sends) until `end()`. */
export class ServerErrorFault implements Fault {
  /** Positions (in FakeSlack.calls) of the calls refused, in order. */
  readonly refused: number[] = [];
  private ended = false;

  constructor(
    private readonly scope: FaultScope,
    private readonly status: number,
  ) {}

  end(): void {
    this.ended = true;
  }

  answer(call: SlackCall, position: number): FaultAnswer | undefined {
    if (this.ended || !matches(this.scope, call)) return undefined;
    this.refused.push(position);
    return { status: this.status, headers: { "content-type": "text/html" }, body: `<html><body><h1>${this.status} Server Error</h1></body></html>` };
  }
}

/**
 * A rate limit as Slack applies one: the first call in scope opens a window of `retryAfterSeconds`;
 * it and every call in scope during the window get 429 with the seconds left in `Retry-After`.
 * When the window closes, `liftedAt` records how many calls the fake had seen by then, so a test
 * can tell which calls arrived while the limit held, by their position alone.
 */
export class RateLimitFault implements Fault {
  /** Positions of the calls answered 429. */
  readonly limited: number[] = [];
  /** FakeSlack.calls.length when the window closed; undefined while it is open or not yet opened. */
  liftedAt: number | undefined;
  private closesAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly lifted: Promise<void>;
  private lift: () => void = () => undefined;

  constructor(
    private readonly scope: FaultScope,
    private readonly retryAfterSeconds: number,
    private readonly callCount: () => number,
  ) {
    this.lifted = new Promise((resolve) => (this.lift = resolve));
  }

  /** Resolves once the window has opened and closed again. */
  whenLifted(): Promise<void> {
    return this.lifted;
  }

  end(): void {
    clearTimeout(this.timer);
    this.liftedAt ??= this.callCount();
    this.lift();
  }

  answer(call: SlackCall, position: number): FaultAnswer | undefined {
    if (this.liftedAt !== undefined || !matches(this.scope, call)) return undefined;
    const now = Date.now();
    if (this.closesAt === undefined) {
      this.closesAt = now + this.retryAfterSeconds * 1_000;
      this.timer = setTimeout(() => this.end(), this.retryAfterSeconds * 1_000);
    }
    this.limited.push(position);
    const left = Math.max(1, Math.ceil((this.closesAt - now) / 1_000));
    return { status: 429, headers: { "content-type": "application/json", "retry-after": String(left) }, body: JSON.stringify({ ok: false, error: "ratelimited" }) };
  }
}

/** The faults a test switched on, asked in order for every Web API call; the first that answers wins. */
export class FakeFaults {
  private readonly faults: Fault[] = [];

  constructor(private readonly callCount: () => number) {}

  /** Answers calls in scope with this HTTP status (500 unless told) until the fault's `end()`. */
  serverError(scope: FaultScope, status = 500): ServerErrorFault {
    const fault = new ServerErrorFault(scope, status);
    this.faults.push(fault);
    return fault;
  }

  /** Rate-limits calls in scope for `retryAfterSeconds` from the first one, as Slack's 429 with Retry-After. */
  rateLimit(scope: FaultScope, retryAfterSeconds: number): RateLimitFault {
    const fault = new RateLimitFault(scope, retryAfterSeconds, this.callCount);
    this.faults.push(fault);
    return fault;
  }

  answer(call: SlackCall, position: number): FaultAnswer | undefined {
    for (const fault of this.faults) {
      const answer = fault.answer(call, position);
      if (answer) return answer;
    }
    return undefined;
  }

  /** Ends every fault (their timers too), so a stopped fake holds nothing open. */
  clear(): void {
    for (const fault of this.faults.splice(0)) fault.end();
  }
}
