import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain';
import { acknowledgementCommandId } from '../../src/hub/ingest/acknowledgements';
import { STORE_KINDS } from './support/databases';
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
} from './support/hub-harness';

const POLICE = 'unit-532901-police';
const JUSTICE = 'unit-532901-justice-bureau';

describe.each(STORE_KINDS)(
  'acknowledgements through the command rules on a %s hub',
  (_store, createDatabase) => {
    let harness: Harness;
    let fieldKey: string;
    /** Each unit's own system's key, and its source: a unit acknowledges its own orders only. */
    const unitKeys: Record<string, { key: string; source: string }> = {};
    let operator: StreamClient;

    beforeAll(async () => {
      harness = await startTestHub(await createDatabase());
      fieldKey = await addKey(harness.hub, DALI_CITY);
      await registerUnits(harness.hub, POLICE, JUSTICE);
      for (const unit of [POLICE, JUSTICE]) {
        const source = `unit-portal-${randomUUID().slice(0, 8)}`;
        unitKeys[unit] = { key: await addUnitKey(harness.hub, unit, source), source };
      }
      const account = await addOperator(harness.hub, 'operator', DALI_CITY);
      operator = new StreamClient(harness.hub.url, await login(harness.hub, account.name, account.password));
      await operator.connected();
    });
    afterAll(async () => {
      operator?.close();
      await harness?.close();
    });

    async function incident(id: string): Promise<Incident> {
      return (await harness.hub.store.getEntity('incident', id))!.doc as Incident;
    }

    async function command(body: Record<string, unknown>) {
      return operator.command({ ...body, commandId: newCommandId() });
    }

    /** An incident with orders to the police and the justice bureau. */
    async function assignedIncident(): Promise<string> {
      const [incidentId] = (
        await postReports(harness.hub.url, fieldKey, [report(placeIn(harness.hub.region, DALI_CITY))])
      ).created;
      await command({ type: 'assess', incidentId, baseVersion: 1, riskLevel: 'medium' });
      const deadline = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
      const assigned = await command({
        type: 'assign',
        incidentId,
        baseVersion: 2,
        unitIds: [POLICE, JUSTICE],
        deadline,
      });
      expect(assigned.ok, assigned.reason).toBe(true);
      return incidentId!;
    }

    /** A batch from the system of the first acknowledgement's unit. */
    const acknowledge = (...acks: { id: string; incidentId: string; unitId: string }[]) =>
      postJson(`${harness.hub.url}/api/v1/orders/acknowledgements`, unitKeys[acks[0]!.unitId]!.key, {
        acknowledgements: acks.map(({ id, incidentId, unitId }) => ({
          id,
          orderId: `${incidentId}/${unitId}`,
        })),
      });

    const auditOf = async (incidentId: string) =>
      (await harness.hub.store.auditEntries(1000)).filter(
        (entry) => entry.target === incidentId && entry.action === 'command.acknowledge',
      );

    it('applies an acknowledgement at most once, under its command id, as the key', async () => {
      const incidentId = await assignedIncident();
      const first = await acknowledge({ id: 'ack-once', incidentId, unitId: POLICE });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const after = await incident(incidentId);
      expect(after).toMatchObject({ stage: 'resolve', acknowledgedUnitIds: [POLICE] });
      const unitSource = unitKeys[POLICE]!.source;
      const commandId = acknowledgementCommandId(unitSource, 'ack-once');
      const stored = await harness.hub.store.transaction((tx) => tx.getCommandOutcome(commandId));
      expect(stored).toMatchObject({ accountId: `key:${unitSource}`, outcome: { ok: true } });

      const head = await harness.hub.store.headSeq();
      const again = await acknowledge({ id: 'ack-once', incidentId, unitId: POLICE });
      expect(again.status).toBe(409);
      expect(again.body.error?.code).toBe('replayed');
      expect(again.body.error?.message).toBe(
        `acknowledgements[0].id: ack-once was already received from ${unitSource}`,
      );
      expect(await harness.hub.store.headSeq()).toBe(head);
      expect((await incident(incidentId)).version).toBe(after.version);
      expect(await auditOf(incidentId)).toEqual([
        expect.objectContaining({ actor: `key:${unitSource}`, outcome: 'accepted' }),
      ]);
    });

    it('refuses an acknowledgement in a stage that takes none with the code a desktop command gets, and audits it', async () => {
      const incidentId = await assignedIncident();
      expect((await acknowledge({ id: 'ack-police', incidentId, unitId: POLICE })).status).toBe(201);
      const { version } = await incident(incidentId);
      const resolved = await command({
        type: 'resolve',
        incidentId,
        baseVersion: version,
        summary: '双方达成调解协议',
        difficulty: 'simple',
      });
      expect(resolved.ok, resolved.reason).toBe(true);
      const followUp = await incident(incidentId);
      expect(followUp.stage).toBe('followUp');

      const fromDesktop = await command({
        type: 'acknowledge',
        incidentId,
        baseVersion: followUp.version,
        unitId: JUSTICE,
      });
      expect(fromDesktop).toMatchObject({ ok: false, code: 'illegal-in-stage' });

      const head = await harness.hub.store.headSeq();
      const late = await acknowledge({ id: 'ack-justice-late', incidentId, unitId: JUSTICE });
      expect(late.status).toBe(409);
      expect(late.body.error?.code).toBe('refused');
      expect(late.body.error?.message).toContain(`acknowledgements[0]: ${fromDesktop.code}`);
      expect(await harness.hub.store.headSeq()).toBe(head);
      expect(await auditOf(incidentId)).toContainEqual(
        expect.objectContaining({
          actor: `key:${unitKeys[JUSTICE]!.source}`,
          outcome: 'refused',
          detail: expect.objectContaining({ code: fromDesktop.code }),
        }),
      );
    });

    it('stores nothing of a batch one of whose acknowledgements is refused', async () => {
      const incidentId = await assignedIncident();
      const head = await harness.hub.store.headSeq();
      const batch = await acknowledge(
        { id: 'ack-justice', incidentId, unitId: JUSTICE },
        { id: 'ack-justice-twice', incidentId, unitId: JUSTICE },
      );
      expect(batch.status).toBe(409);
      expect(batch.body.error?.code).toBe('refused');
      expect(batch.body.error?.message).toContain('acknowledgements[1]: precondition-failed');
      expect(await harness.hub.store.headSeq()).toBe(head);
      expect((await incident(incidentId)).acknowledgedUnitIds).toEqual([]);
      // Its first acknowledgement was not applied, so sent alone it is taken.
      expect((await acknowledge({ id: 'ack-justice', incidentId, unitId: JUSTICE })).status).toBe(201);
    });

    it("applies a batch of one unit's orders on two incidents", async () => {
      const first = await assignedIncident();
      const second = await assignedIncident();
      const both = await acknowledge(
        { id: 'ack-first-police', incidentId: first, unitId: POLICE },
        { id: 'ack-second-police', incidentId: second, unitId: POLICE },
      );
      expect(both.status, JSON.stringify(both.body)).toBe(201);
      expect(both.body).toMatchObject({ accepted: 2 });
      expect((await incident(first)).acknowledgedUnitIds).toEqual([POLICE]);
      expect((await incident(second)).acknowledgedUnitIds).toEqual([POLICE]);
    });
  },
);
