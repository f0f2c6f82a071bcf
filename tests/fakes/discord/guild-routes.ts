/** REST for the guild and its users: the guild, its roles and members, the bot and other users, and opening a DM. */
import { RESTJSONErrorCodes } from "discord.js";
import type { FakeGuild } from "./guild.js";
import { unknownGuild, unknownMember, type RestAnswer, type RestRequest } from "./rest-answers.js";
import { isRecord } from "./wire.js";

export class GuildRoutes {
  constructor(private readonly guild: FakeGuild) {}

  /** `GET /users/@me`: the bot as it sees itself. */
  me(): RestAnswer {
    return { status: 200, body: { ...this.guild.bot, verified: true, mfa_enabled: false, locale: "en-US", email: null, bio: "" } };
  }

  guildObject(guildId: string | undefined): RestAnswer {
    return guildId === this.guild.id ? { status: 200, body: this.guild.restPayload() } : unknownGuild();
  }

  roles(guildId: string | undefined): RestAnswer {
    return guildId === this.guild.id ? { status: 200, body: this.guild.access.roles } : unknownGuild();
  }

  member(guildId: string, userId: string): RestAnswer {
    if (guildId !== this.guild.id) return unknownGuild();
    const user = userId === this.guild.bot.id ? this.guild.bot : this.guild.users.byId(userId);
    if (!user || !this.guild.access.isMember(userId)) return unknownMember();
    return { status: 200, body: { ...this.guild.member(user), user } };
  }

  user(userId: string | undefined): RestAnswer {
    const known = this.guild.users.byId(userId) ?? (this.guild.bot.id === userId ? this.guild.bot : undefined);
    return known ? { status: 200, body: known } : { status: 404, body: { message: "Unknown User", code: RESTJSONErrorCodes.UnknownUser } };
  }

  /** `POST /users/@me/channels`: the DM channel with the recipient, the same one every time. */
  openDm(request: RestRequest): RestAnswer {
    const recipientId = isRecord(request.body) && typeof request.body.recipient_id === "string" ? request.body.recipient_id : undefined;
    const recipient = this.guild.users.byId(recipientId);
    if (!recipient) return { status: 400, body: { message: "Invalid Recipient(s)", code: RESTJSONErrorCodes.InvalidRecipients } };
    return { status: 200, body: this.guild.channels.openDm(recipient) };
  }
}
