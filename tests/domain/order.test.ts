import { describe, expect, it } from 'vitest';
import { isAcknowledgementLate, orderIdFor, orderState, type Order } from '../../src/domain';

const issued: Order = {
  id: orderIdFor('inc-1', 'unit-police'),
  incidentId: 'inc-1',
  unitId: 'unit-police',
  issuedAt: '2025-03-01T00:00:00.000Z',
  acknowledgeBy: '2025-03-01T00:30:00.000Z',
  deadline: '2025-03-02T00:00:00.000Z',
  issuedBy: 'operator-1',
  acknowledgement: null,
};

function acknowledgedAt(at: string): Order {
  return { ...issued, acknowledgement: { acknowledgedAt: at, by: 'operator-1', note: '' } };
}

describe('order state', () => {
  it('is issued until the unit acknowledges, up to and including the time to acknowledge', () => {
    expect(orderState(issued, 'assign', '2025-03-01T00:30:00.000Z')).toBe('issued');
  });

  it('is overdue once the time to acknowledge passes without an acknowledgement', () => {
    expect(orderState(issued, 'assign', '2025-03-01T00:30:00.001Z')).toBe('overdue');
  });

  it('is acknowledged after the unit reports in, even late, until the deadline', () => {
    expect(
      orderState(acknowledgedAt('2025-03-01T01:00:00.000Z'), 'resolve', '2025-03-01T12:00:00.000Z'),
    ).toBe('acknowledged');
  });

  it('is overdue past the deadline though acknowledged', () => {
    expect(
      orderState(acknowledgedAt('2025-03-01T00:10:00.000Z'), 'resolve', '2025-03-02T00:00:00.001Z'),
    ).toBe('overdue');
  });

  it('is done once the incident is resolved, whatever the clock says', () => {
    const late = '2025-04-01T00:00:00.000Z';
    expect(orderState(acknowledgedAt('2025-03-01T00:10:00.000Z'), 'followUp', late)).toBe('done');
    expect(orderState(acknowledgedAt('2025-03-01T00:10:00.000Z'), 'closed', late)).toBe('done');
  });

  it('is live again when a dissatisfied follow-up sends the incident back to resolve', () => {
    expect(
      orderState(acknowledgedAt('2025-03-01T00:10:00.000Z'), 'resolve', '2025-03-01T20:00:00.000Z'),
    ).toBe('acknowledged');
  });
});

describe('late acknowledgement', () => {
  it('is not late when acknowledged exactly at the time to acknowledge', () => {
    expect(
      isAcknowledgementLate(acknowledgedAt('2025-03-01T00:30:00.000Z'), '2025-03-05T00:00:00.000Z'),
    ).toBe(false);
  });

  it('is late when acknowledged after it, however long ago', () => {
    expect(
      isAcknowledgementLate(acknowledgedAt('2025-03-01T00:30:00.001Z'), '2025-03-05T00:00:00.000Z'),
    ).toBe(true);
  });

  it('is late when still unacknowledged past it, and not before', () => {
    expect(isAcknowledgementLate(issued, '2025-03-01T00:29:59.999Z')).toBe(false);
    expect(isAcknowledgementLate(issued, '2025-03-01T00:30:00.001Z')).toBe(true);
  });
});
