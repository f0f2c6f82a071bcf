/** Discord-shaped ids (snowflakes) and the time one was made. */

const DISCORD_EPOCH = 1_420_070_400_000n;

/** Discord-shaped snowflakes: milliseconds since 2015 in the top 42 bits, then worker, process and increment. */
export class Snowflakes {
  private last = 0n;
  private increment = 0n;

  next(at: number = Date.now()): string {
    let time = BigInt(at) - DISCORD_EPOCH;
    if (time <= this.last) {
      time = this.last;
      this.increment += 1n;
      if (this.increment > 0xfffn) {
        time += 1n;
        this.increment = 0n;
      }
    } else {
      this.increment = 0n;
    }
    this.last = time;
    const worker = 1n;
    return String((time << 22n) | (worker << 17n) | this.increment);
  }

  static timestampOf(id: string): number {
    return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
  }
}
