import { createHash } from 'node:crypto';
import { isWithin, type Incident, type Order } from '../../domain';
import type { IngestBody } from '../../protocol/ingest';
import type { OperatorClaims } from '../auth/tokens';
import type { ApiKeyRecord, EntityRecord, HubTransaction } from '../store';
import {
  ITEM_PASSES,
  alreadyReceived,
  outsideKey,
  recordsById,
  type IngestContext,
  type IngestEndpoint,
  type IngestResult,
} from './endpoint';
import { IngestError } from './refusal';
import { unitOfSource } from './unit-keys';

type Acknowledgement = IngestBody<'/api/v1/orders/acknowledgements'>['acknowledgements'][number];

/** A member unit's system acts as an operator of the key's jurisdiction, named after the key's source. */
export function claimsOfKey(key: ApiKeyRecord): OperatorClaims {
  return {
    accountId: `key:${key.source}`,
    name: key.displayName || key.source,
    role: 'operator',
    jurisdiction: key.jurisdiction,
  };
}

/**
 * The command id of an acknowledgement: the same for the same id from the same source, so a resent one is
 * recognised by the command rules' at-most-once, like a desktop's retried command.
 */
export function acknowledgementCommandId(source: string, id: string): string {
  const hex = createHash('sha256').update(`acknowledgement\0${source}\0${id}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Drafts the `acknowledge` command against the incident as it stands in the batch's transaction. */
function draftCommand(ctx: IngestContext, order: Order, ack: Acknowledgement) {
  return async (tx: HubTransaction) => {
    const incident = (await tx.getEntity('incident', order.incidentId))?.doc as Incident | undefined;
    return {
      type: 'acknowledge',
      commandId: acknowledgementCommandId(ctx.key.source, ack.id),
      incidentId: order.incidentId,
      baseVersion: incident?.version ?? 1,
      unitId: order.unitId,
      ...(ack.note ? { note: ack.note } : {}),
      ...(ack.signedBy ? { signedBy: ack.signedBy } : {}),
    };
  };
}

/** Applies the batch through the command rules; a refusal or a replay refuses the whole batch. */
async function commitThroughCommands(
  ctx: IngestContext,
  orders: Map<string, EntityRecord>,
  acks: readonly Acknowledgement[],
  ids: readonly string[],
): Promise<IngestResult> {
  const reply = await ctx.commands.handleBatch(
    claimsOfKey(ctx.key),
    acks.map((ack) => draftCommand(ctx, orders.get(ack.orderId)!.doc as Order, ack)),
  );
  if (reply.ok) {
    return { accepted: ids.length, created: [], seqs: reply.outcomes.flatMap((o) => (o.ok ? o.seqs : [])) };
  }
  const { index } = reply;
  if (reply.reply.replayed) {
    throw new IngestError(409, 'replayed', [
      alreadyReceived('acknowledgements', index, ids[index]!, ctx.key.source),
    ]);
  }
  const refusal = reply.reply.ok ? 'refused' : `${reply.reply.code}: ${reply.reply.reason}`;
  throw new IngestError(409, 'refused', [`acknowledgements[${index}]: ${refusal}`]);
}

/** The orders a batch names, and the member unit the sending key speaks for, if any. */
interface Found {
  orders: Map<string, EntityRecord>;
  keyUnit: string | undefined;
}

/** A unit's key acknowledges its own unit's orders only; a key that speaks for no unit, none. */
function notTheKeysUnit(ctx: IngestContext, order: Order, keyUnit: string | undefined): string | null {
  if (keyUnit === order.unitId) return null;
  const whose = `order ${order.id} is addressed to ${order.unitId}`;
  return keyUnit === undefined
    ? `${whose}; the key of ${ctx.key.source} speaks for no member unit`
    : `${whose}; the key of ${ctx.key.source} acknowledges only the orders of ${keyUnit}`;
}

/**
 * Member units report in on their orders from their own systems: each acknowledgement is the lifecycle's
 * `acknowledge` command, made by the sending key, under the same rules, at most once and audited like an
 * operator's. Only the unit's own key may acknowledge its orders.
 */
export const acknowledgements: IngestEndpoint<
  IngestBody<'/api/v1/orders/acknowledgements'>,
  Acknowledgement,
  Found
> = {
  label: 'acknowledgements',
  items: (body) => body.acknowledgements,
  idOf: (ack) => ack.id,
  lookUp: async (ctx, acks) => ({
    orders: await recordsById(
      ctx.store,
      'order',
      acks.map((a) => a.orderId),
    ),
    keyUnit: await unitOfSource(ctx.store, ctx.key.source),
  }),
  check(ctx, { orders, keyUnit }, ack, label) {
    const order = orders.get(ack.orderId);
    if (!order) return { unknown: `${label}.orderId: no order ${ack.orderId}`, outside: null };
    if (!isWithin(order.jurisdiction, ctx.key.jurisdiction)) {
      return {
        unknown: null,
        outside: `${label}.orderId: ${outsideKey(ctx, ack.orderId, order.jurisdiction)}`,
      };
    }
    const otherUnit = notTheKeysUnit(ctx, order.doc as Order, keyUnit);
    return otherUnit ? { unknown: null, outside: `${label}.orderId: ${otherUnit}` } : ITEM_PASSES;
  },
  commit: (ctx, { orders }, acks, ids) => commitThroughCommands(ctx, orders, acks, ids),
};
