import { describe, expect, it } from 'vitest';
import { acknowledgeActionSchema, applyAction, hubEventSchema, type LifecycleAction } from '../../src/domain';
import { contextFor, incidentIn, stamp } from './fixtures';

describe('a unit’s acknowledgement', () => {
  it('keeps who at the unit signed for the order, and their note', () => {
    const action: LifecycleAction = {
      type: 'acknowledge',
      unitId: 'unit-justice',
      note: '已签收，马上处理',
      signedBy: '张强',
    };
    const result = applyAction(incidentIn('resolve'), action, contextFor('operator'));
    if (!result.ok) throw new Error(result.reason);
    const event = hubEventSchema.parse(stamp(result.events[0]!));
    expect(event.payload).toMatchObject({
      unitId: 'unit-justice',
      acknowledgement: { signedBy: '张强', note: '已签收，马上处理' },
    });
  });

  it.each([
    ['an empty name', ''],
    ['a name longer than a person’s', '张'.repeat(51)],
  ])('refuses %s as the signer', (_case, signedBy) => {
    const parsed = acknowledgeActionSchema.safeParse({
      type: 'acknowledge',
      unitId: 'unit-justice',
      signedBy,
    });
    expect(parsed.success).toBe(false);
  });
});
