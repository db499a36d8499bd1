import { describe, expect, it } from 'vitest';
import { isDisplayOnly, screensFor } from '../../renderer/src/app/screens';

const CENTRE = ['situation', 'workspace', 'briefing', 'handover', 'reports'];

describe('the screens each role is shown', () => {
  it.each([
    ['wall', ['situation'], true],
    ['viewer', CENTRE, false],
    ['operator', CENTRE, false],
    ['commander', CENTRE, false],
    ['sysadmin', ['situation', 'administration'], false],
    ['secadmin', ['administration'], false],
    ['auditadmin', ['audit'], false],
  ])('%s: %j, display only %s', (role, screens, displayOnly) => {
    expect(screensFor(role)).toEqual(screens);
    expect(isDisplayOnly(role)).toBe(displayOnly);
  });

  it.each([undefined, 'admin', ''])(
    'a screen before sign-in or of an unknown role (%j): the centre screens',
    (role) => {
      expect(screensFor(role)).toEqual(CENTRE);
    },
  );

  it('shows the situation to nobody who may not read it', () => {
    for (const role of ['secadmin', 'auditadmin']) expect(screensFor(role)).not.toContain('situation');
  });
});
