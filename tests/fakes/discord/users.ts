/** The guild's users by test name: the same Discord user every time a test names them. */
import type { APIUser } from "discord.js";
import type { Snowflakes } from "./snowflakes.js";
import { NO_FLAGS } from "./wire.js";

export class FakeUsers {
  private readonly byName = new Map<string, APIUser>();

  constructor(private readonly ids: Snowflakes) {}

  /** How many users the guild has besides the bot. */
  get size(): number {
    return this.byName.size;
  }

  /** The user called `name`, made (with an id from `joinedAt`) the first time they are asked for. */
  named(name: string, joinedAt: number): APIUser {
    const known = this.byName.get(name);
    if (known) return known;
    const user: APIUser = {
      id: this.ids.next(joinedAt),
      username: name.toLowerCase().replace(/[^a-z0-9_.]/g, ""),
      discriminator: "0",
      global_name: name.charAt(0).toUpperCase() + name.slice(1),
      avatar: null,
      public_flags: NO_FLAGS,
      flags: NO_FLAGS,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
    };
    this.byName.set(name, user);
    return user;
  }

  /** A user (not the bot) by id. */
  byId(id: string | undefined): APIUser | undefined {
    return [...this.byName.values()].find((user) => user.id === id);
  }
}
