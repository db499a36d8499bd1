import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/domain';
import { createUnitApiKey } from '../../../src/hub/ingest/unit-keys';
import { STORE_KINDS } from '../support/databases';
import {
  DALI_CITY,
  StreamClient,
  addKey,
  addOperator,
  addUnitKey,
  login,
  newCommandId,
  placeIn,
  postJson,
  postReports,
  registerUnits,
  report,
  startTestHub,
  type Harness,
} from '../support/hub-harness';

const POLICE = 'unit-532901-police';
const JUSTICE = 'unit-532901-justice-bureau';

type Sender = 'police' | 'justice' | 'field';

interface RefusedCase {
  name: string;
  sender: Sender;
  /** The units whose orders the batch acknowledges, in order. */
  units: string[];
  /** The item refused, and what its problem must say. */
  index: number;
  says: string;
}

const REFUSED: RefusedCase[] = [
  {
    name: "the police's key acknowledging the justice bureau's order",
    sender: 'police',
    units: [JUSTICE],
    index: 0,
    says: `acknowledges only the orders of ${POLICE}`,
  },
  {
    name: "the justice bureau's key acknowledging the police's order",
    sender: 'justice',
    units: [POLICE],
    index: 0,
    says: `acknowledges only the orders of ${JUSTICE}`,
  },
  {
    name: "a grid app's key, bound to no unit, acknowledging the police's order",
    sender: 'field',
    units: [POLICE],
    index: 0,
    says: 'speaks for no member unit',
  },
  {
    name: "the police's key acknowledging its own order and the justice bureau's in one batch",
    sender: 'police',
    units: [POLICE, JUSTICE],
    index: 1,
    says: `acknowledges only the orders of ${POLICE}`,
  },
];

describe.each(STORE_KINDS)(
  'acknowledgements only by the unit itself on a %s hub',
  (_store, createDatabase) => {
    let harness: Harness;
    let keys: Record<Sender, string>;
    let policeSource: string;
    let operator: StreamClient;

    beforeAll(async () => {
      harness = await startTestHub(await createDatabase());
      await registerUnits(harness.hub, POLICE, JUSTICE);
      policeSource = `police-portal-${randomUUID().slice(0, 8)}`;
      keys = {
        police: await addUnitKey(harness.hub, POLICE, policeSource),
        justice: await addUnitKey(harness.hub, JUSTICE),
        field: await addKey(harness.hub, DALI_CITY),
      };
      const account = await addOperator(harness.hub, 'operator', DALI_CITY);
      operator = new StreamClient(harness.hub.url, await login(harness.hub, account.name, account.password));
      await operator.connected();
    });
    afterAll(async () => {
      operator?.close();
      await harness?.close();
    });

    const incident = async (id: string) =>
      (await harness.hub.store.getEntity('incident', id))!.doc as Incident;

    /** An incident with orders to the police and the justice bureau. */
    async function assignedIncident(): Promise<string> {
      const place = placeIn(harness.hub.region, DALI_CITY);
      const [incidentId] = (await postReports(harness.hub.url, keys.field, [report(place)])).created;
      await operator.command({
        type: 'assess',
        incidentId,
        baseVersion: 1,
        riskLevel: 'medium',
        commandId: newCommandId(),
      });
      const assigned = await operator.command({
        type: 'assign',
        incidentId,
        baseVersion: 2,
        unitIds: [POLICE, JUSTICE],
        deadline: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
        commandId: newCommandId(),
      });
      expect(assigned.ok, assigned.reason).toBe(true);
      return incidentId!;
    }

    const acknowledge = (sender: Sender, incidentId: string, units: string[]) =>
      postJson(`${harness.hub.url}/api/v1/orders/acknowledgements`, keys[sender], {
        acknowledgements: units.map((unit) => ({ id: randomUUID(), orderId: `${incidentId}/${unit}` })),
      });

    const acknowledgedEvent = async (incidentId: string, unitId: string) =>
      (await harness.hub.store.eventsAbout(incidentId)).find(
        (event) =>
          event.type === 'order.acknowledged' && (event.payload as { unitId: string }).unitId === unitId,
      );

    const auditOf = async (incidentId: string) =>
      (await harness.hub.store.auditEntries(1000)).filter(
        (entry) => entry.target === incidentId && entry.action === 'command.acknowledge',
      );

    it.each(REFUSED)('refuses $name with 403 naming the order, storing nothing', async (c) => {
      const incidentId = await assignedIncident();
      const head = await harness.hub.store.headSeq();
      const answer = await acknowledge(c.sender, incidentId, c.units);
      expect(answer.status, JSON.stringify(answer.body)).toBe(403);
      expect(answer.body.error?.code).toBe('out-of-scope');
      const orderId = `${incidentId}/${c.units[c.index]}`;
      expect(answer.body.error?.problems).toEqual([
        expect.stringMatching(new RegExp(`^acknowledgements\\[${c.index}\\]\\.orderId: order ${orderId} `)),
      ]);
      expect(answer.body.error?.message).toContain(c.says);
      expect(await harness.hub.store.headSeq()).toBe(head);
      expect((await incident(incidentId)).acknowledgedUnitIds).toEqual([]);
      expect((await fetch(`${harness.hub.url}/healthz`)).status).toBe(200);
    });

    it("takes a unit's acknowledgement of its own order from its own key, as the unit itself", async () => {
      const incidentId = await assignedIncident();
      const answer = await acknowledge('police', incidentId, [POLICE]);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect((await incident(incidentId)).acknowledgedUnitIds).toEqual([POLICE]);
      const event = await acknowledgedEvent(incidentId, POLICE);
      expect(event?.payload).toMatchObject({ acknowledgement: { by: `key:${policeSource}` } });
      expect(event?.payload).not.toHaveProperty('acknowledgement.onBehalfOf');
      expect(await auditOf(incidentId)).toEqual([
        expect.objectContaining({
          actor: `key:${policeSource}`,
          detail: expect.not.objectContaining({ onBehalfOf: POLICE }),
        }),
      ]);
    });

    it("records an operator's acknowledgement for a unit as made on the unit's behalf", async () => {
      const incidentId = await assignedIncident();
      const { version } = await incident(incidentId);
      const reply = await operator.command({
        type: 'acknowledge',
        incidentId,
        baseVersion: version,
        unitId: JUSTICE,
        note: '电话报到',
        commandId: newCommandId(),
      });
      expect(reply.ok, reply.reason).toBe(true);
      const event = await acknowledgedEvent(incidentId, JUSTICE);
      expect(event?.payload).toMatchObject({ acknowledgement: { onBehalfOf: JUSTICE, note: '电话报到' } });
      expect(await auditOf(incidentId)).toEqual([
        expect.objectContaining({
          outcome: 'accepted',
          detail: expect.objectContaining({ onBehalfOf: JUSTICE }),
        }),
      ]);
      const order = (await harness.hub.store.getEntity('order', `${incidentId}/${JUSTICE}`))!.doc;
      expect(order).toMatchObject({ acknowledgement: { onBehalfOf: JUSTICE } });
    });

    it.each([
      [
        'a unit that does not exist',
        'unit-nowhere',
        () => `portal-${randomUUID().slice(0, 8)}`,
        'no member unit',
      ],
      ['a source that speaks for another unit', JUSTICE, () => policeSource, `speaks for the unit ${POLICE}`],
    ])('refuses to make a unit key for %s', async (_name, unitId, source, says) => {
      await expect(createUnitApiKey(harness.hub.store, source(), unitId)).rejects.toThrow(says);
    });
  },
);
