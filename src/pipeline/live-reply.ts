import type { Logger } from "../ops/logger.js";
import type { LiveMessage } from "../ports/live.js";

/**
 * Paces a streamed reply onto a platform: the newest text is shown at most once per the platform's
 * interval (older text in between is skipped, since each show carries everything so far), one show
 * at a time. A platform that refuses a show stops the streaming, never the turn: the committed
 * reply is delivered whole afterwards either way, and takes the streamed message's place.
 */
export class LiveReply {
  private message: LiveMessage | undefined;
  private opening: Promise<void> | undefined;
  private latest = "";
  private shownText = "";
  private lastShownAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private failed = false;
  private ended = false;

  private recorded: string | undefined;
  private recording: Promise<void> | undefined;

  constructor(
    /** Opens the platform's live message, on the first text: most turns never stream. */
    private readonly open: () => Promise<LiveMessage | undefined>,
    private readonly log: Logger,
    /**
     * Told the streamed message's reference as soon as it changes, so a turn cut off (a crash,
     * a lost lock) leaves it where the thread's next reply replaces it.
     */
    private readonly onRef: (ref: string) => Promise<void> = async () => undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether any text reached the platform. */
  get streamed(): boolean {
    return this.shownText.length > 0;
  }

  /** The reply's text so far (each call's text begins with the last one's). */
  update(text: string): void {
    if (this.ended || this.failed || text.length <= this.latest.length) return;
    this.latest = text;
    if (this.message) this.schedule();
    else this.opening ??= this.start();
  }

  /** Stops the stream; the reference of the message holding the text, for the reply to replace. */
  async end(): Promise<string | undefined> {
    this.ended = true;
    await this.opening;
    clearTimeout(this.timer);
    await this.inFlight;
    await this.recording;
    if (!this.message) return undefined;
    try {
      return await this.message.end();
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not close a streamed reply");
      return undefined;
    }
  }

  private async start(): Promise<void> {
    try {
      this.message = await this.open();
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not open a streamed reply; it will be posted whole");
    }
    if (!this.message) this.failed = true;
    else this.schedule();
  }

  private record(ref: string | undefined): void {
    if (!ref || ref === this.recorded) return;
    this.recorded = ref;
    const previous = this.recording ?? Promise.resolve();
    this.recording = previous
      .then(() => this.onRef(ref))
      .catch((error: unknown) => this.log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not record a streamed reply's message"));
  }

  private schedule(): void {
    const message = this.message;
    if (!message || this.ended || this.failed || this.inFlight || this.timer) return;
    const wait = this.lastShownAt + message.intervalMs - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait);
      return;
    }
    if (this.latest === this.shownText) return;
    const text = this.latest;
    this.inFlight = message
      .show(text)
      .then(
        () => {
          this.shownText = text;
          this.record(message.ref());
          // Counted from when the platform answered, so the platform itself never sees two shows closer than the interval.
          this.lastShownAt = this.now();
        },
        (error: unknown) => {
          this.failed = true;
          this.log.warn({ err: error instanceof Error ? error.message : String(error) }, "streaming a reply failed; it will be posted whole");
        },
      )
      .finally(() => {
        this.inFlight = undefined;
        if (this.latest !== this.shownText) this.schedule();
      });
  }
}
