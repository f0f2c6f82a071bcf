/** REST for interactions: the callback (once, within the deadline, of a type its kind allows), `@original`, and follow-ups over the webhook. */
import { GatewayDispatchEvents, InteractionResponseType, InteractionType, MessageFlags, RESTJSONErrorCodes } from "discord.js";
import { z } from "zod";
import type { FakeInteractions } from "./interactions.js";
import { maxLength, messageProblem } from "./message-schema.js";
import type { FakeMessages, StoredMessage } from "./messages.js";
import { ModalSchema } from "./modals.js";
import { invalidForm, prefixed, unknownInteraction, unknownMessage, unknownWebhook, type RestAnswer, type RestRequest } from "./rest-answers.js";
import { isRecord } from "./wire.js";

const AutocompleteResultSchema = z.looseObject({
  choices: z.array(z.looseObject({ name: z.string().min(1).max(100, maxLength(100)), value: z.union([z.string().max(100, maxLength(100)), z.number()]) })).max(25, maxLength(25)),
});
const CallbackSchema = z.looseObject({ type: z.enum(InteractionResponseType), data: z.unknown().optional() });
/** Which callback types Discord accepts for each kind of interaction. */
const ALLOWED_CALLBACKS: Partial<Record<InteractionType, InteractionResponseType[]>> = {
  [InteractionType.ApplicationCommand]: [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.Modal],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage],
};

export interface InteractionRouteSettings {
  applicationId: string;
  interactions: FakeInteractions;
  messages: FakeMessages;
  /** Interaction callbacks later than this are refused with Unknown interaction (10062). */
  deadlineMs: number;
}

export class InteractionRoutes {
  constructor(private readonly settings: InteractionRouteSettings) {}

  callback(request: RestRequest, id: string, token: string): RestAnswer {
    const { interactions, messages } = this.settings;
    const interaction = interactions.get(id);
    if (!interaction || interaction.token !== token) return unknownInteraction();
    if (Date.now() - interaction.createdAt > this.settings.deadlineMs) return unknownInteraction();
    if (interaction.responseType !== undefined) return { status: 400, body: { message: "Interaction has already been acknowledged.", code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged } };
    const parsed = CallbackSchema.safeParse(request.body);
    if (!parsed.success) return invalidForm(parsed.error);
    const { type, data } = parsed.data;
    if (!ALLOWED_CALLBACKS[interaction.type]?.includes(type)) return invalidForm(undefined, ["type"], "Interaction response type is not valid for this interaction.");
    let after: (() => Promise<unknown>) | undefined;
    if (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.UpdateMessage) {
      const problem = messageProblem(data, { requireContent: type === InteractionResponseType.ChannelMessageWithSource });
      if (problem) return prefixed(problem, "data");
    }
    if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      const choices = AutocompleteResultSchema.safeParse(data);
      if (!choices.success) return invalidForm(choices.error, ["data"]);
    }
    if (type === InteractionResponseType.Modal) {
      const modal = ModalSchema.safeParse(data);
      if (!modal.success) return invalidForm(modal.error, ["data"]);
      interaction.modal = modal.data;
    }
    interaction.responseType = type;
    const flags = isRecord(data) && typeof data.flags === "number" ? data.flags : 0;
    const ephemeral = Boolean(flags & MessageFlags.Ephemeral);
    if (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const loading = type === InteractionResponseType.DeferredChannelMessageWithSource;
      const stored = messages.create(interaction.channelId, loading ? { flags: flags | MessageFlags.Loading } : data, { interaction, ephemeral, flags: loading ? flags | MessageFlags.Loading : flags });
      interaction.originalId = stored.message.id;
      after = () => messages.echo(GatewayDispatchEvents.MessageCreate, stored);
    }
    const clicked = interaction.componentMessageId ? messages.get(interaction.componentMessageId) : undefined;
    if (type === InteractionResponseType.UpdateMessage && clicked) after = messages.edit(clicked, data).after;
    if (request.query.get("with_response") !== "true") return { status: 204, ...(after ? { after } : {}) };
    const original = interaction.originalId ? messages.get(interaction.originalId) : undefined;
    return {
      status: 200,
      body: {
        interaction: { id, type: interaction.type, response_message_id: original?.message.id, response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource, response_message_ephemeral: ephemeral },
        resource: { type, ...(original ? { message: original.message } : {}) },
      },
      ...(after ? { after } : {}),
    };
  }

  /** `@original`: unknown webhook until the interaction is acknowledged; unknown message when nothing was posted. */
  original(app: string | undefined, token: string | undefined, act: (message: StoredMessage) => RestAnswer): RestAnswer {
    const interaction = this.settings.interactions.byToken(app, token);
    if (!interaction || interaction.responseType === undefined) return unknownWebhook();
    const stored = interaction.originalId ? this.settings.messages.get(interaction.originalId) : undefined;
    return stored ? act(stored) : unknownMessage();
  }

  followUp(request: RestRequest, app: string | undefined, token: string | undefined): RestAnswer {
    const { interactions, messages } = this.settings;
    const interaction = interactions.byToken(app, token);
    if (!interaction || interaction.responseType === undefined) return unknownWebhook();
    const problem = messageProblem(request.body, { requireContent: true });
    if (problem) return problem;
    // After a deferral, Discord turns the first follow-up into the "thinking…" reply itself.
    const original = interaction.originalId ? messages.get(interaction.originalId) : undefined;
    if (original && (original.message.flags ?? 0) & MessageFlags.Loading) return messages.edit(original, request.body);
    const flags = isRecord(request.body) && typeof request.body.flags === "number" ? request.body.flags : 0;
    const stored = messages.create(interaction.channelId, request.body, { interaction, ephemeral: Boolean(flags & MessageFlags.Ephemeral), flags });
    const wait = request.query.get("wait") !== "false";
    return { status: wait ? 200 : 204, ...(wait ? { body: stored.message } : {}), after: () => messages.echo(GatewayDispatchEvents.MessageCreate, stored) };
  }

  followUpEdit(request: RestRequest, app: string | undefined, token: string | undefined, messageId: string | undefined): RestAnswer {
    const { interactions, messages } = this.settings;
    const interaction = interactions.byToken(app, token);
    if (!interaction || interaction.responseType === undefined) return unknownWebhook();
    const stored = messages.get(messageId ?? "");
    return stored?.message.webhook_id === this.settings.applicationId ? messages.edit(stored, request.body) : unknownMessage();
  }
}
