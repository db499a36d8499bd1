import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  isLifecycleCommand,
  operatorCommandSchema,
  toLifecycleAction,
  type LifecycleCommand,
} from '../../src/domain';
import { contextFor, incidentIn, SAMPLE_ACTIONS } from './fixtures';

const COMMAND_ID = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';

function commandFor(type: keyof typeof SAMPLE_ACTIONS, baseVersion: number): LifecycleCommand {
  const command = operatorCommandSchema.parse({
    ...SAMPLE_ACTIONS[type],
    commandId: COMMAND_ID,
    incidentId: 'inc-1',
    baseVersion,
  });
  if (!isLifecycleCommand(command)) throw new Error(`${type} should be a lifecycle command`);
  return command;
}

describe('operator commands', () => {
  it.each(Object.keys(SAMPLE_ACTIONS) as (keyof typeof SAMPLE_ACTIONS)[])(
    'carry the %s action unchanged once the envelope is taken off',
    (type) => {
      const command = commandFor(type, 5);
      expect(isLifecycleCommand(command)).toBe(true);
      expect(toLifecycleAction(command)).toEqual(SAMPLE_ACTIONS[type]);
    },
  );

  it('tell lifecycle commands from the centre’s other commands', () => {
    const note = operatorCommandSchema.parse({
      type: 'addNote',
      commandId: COMMAND_ID,
      incidentId: 'inc-1',
      text: '备注',
    });
    expect(isLifecycleCommand(note)).toBe(false);
  });

  it('apply when based on the incident’s current version', () => {
    const result = applyCommand(incidentIn('report'), commandFor('assess', 5), contextFor('operator'));
    expect(result).toMatchObject({ ok: true, incident: { stage: 'assess', version: 6, riskLevel: 'high' } });
  });

  it('are refused when someone changed the incident since the operator looked', () => {
    const result = applyCommand(incidentIn('report'), commandFor('assess', 4), contextFor('operator'));
    expect(result).toEqual({
      ok: false,
      code: 'stale-version',
      reason: 'incident inc-1 is at version 5, the command was based on version 4',
      words: { code: 'staleVersion', params: {} },
    });
  });

  it('refuse to be applied to a different incident than they name', () => {
    const other = { ...incidentIn('report'), id: 'inc-2' };
    expect(() => applyCommand(other, commandFor('assess', 5), contextFor('operator'))).toThrow(
      /inc-1, not inc-2/,
    );
  });
});
