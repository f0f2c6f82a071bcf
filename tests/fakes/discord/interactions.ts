/** The interactions the gateway delivered: their tokens, how each was answered, and the message `@original` stands for. */
import { GatewayDispatchEvents, InteractionType, type APIUser, type InteractionResponseType } from "discord.js";
import { z } from "zod";
import type { ShownModal } from "./modals.js";

export interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  user: APIUser;
  createdAt: number;
  responseType: InteractionResponseType | undefined;
  /** The message `@original` stands for: the reply once one exists, or the clicked message. */
  originalId: string | undefined;
  componentMessageId: string | undefined;
  /** The modal it was answered with, for `submitModal` to fill in. */
  modal?: ShownModal;
}

const UserSeenSchema = z.looseObject({ id: z.string(), username: z.string(), discriminator: z.string(), global_name: z.string().nullable(), avatar: z.string().nullable() });
const InteractionSeenSchema = z.looseObject({
  id: z.string(),
  token: z.string(),
  type: z.enum(InteractionType),
  channel_id: z.string().optional(),
  member: z.looseObject({ user: UserSeenSchema }).optional(),
  message: z.looseObject({ id: z.string() }).optional(),
  data: z.looseObject({ name: z.string().optional() }).optional(),
});

export class FakeInteractions {
  private readonly byId = new Map<string, InteractionState>();

  constructor(private readonly applicationId: string) {}

  /** Interactions count from their dispatch: from then on their tokens answer, for 3 seconds to a callback. */
  remember(event: string, data: unknown): void {
    if (event !== GatewayDispatchEvents.InteractionCreate) return;
    const interaction = InteractionSeenSchema.safeParse(data);
    const user = interaction.data?.member?.user;
    if (!interaction.success || !user || !interaction.data.channel_id) return;
    const { id, token, type, channel_id: channelId, message } = interaction.data;
    this.byId.set(id, { id, token, type, channelId, user: { ...user }, createdAt: Date.now(), responseType: undefined, originalId: message?.id, componentMessageId: message?.id });
  }

  get(id: string): InteractionState | undefined {
    return this.byId.get(id);
  }

  /** The interaction a webhook URL (application id and interaction token) names. */
  byToken(app: string | undefined, token: string | undefined): InteractionState | undefined {
    if (app !== this.applicationId) return undefined;
    return [...this.byId.values()].find((interaction) => interaction.token === token);
  }
}
