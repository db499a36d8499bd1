import type { z } from 'zod';
import type { DesktopApiContract, DesktopApiMethod } from '../contract/api';
import type { ActionGate } from '../services/action-gate';
import type { DesktopApiHandlers } from './types';

type Input<M extends DesktopApiMethod> = z.output<DesktopApiContract[M]['input']>;

/**
 * The methods that act — change something on the hub (every command, settings included, goes through
 * `commands.submit`), export, print or unmask personal data — each always, or only for some inputs. Every
 * other method reads, and reads go on while the screen is locked.
 */
export const ACTION_METHODS: { [M in DesktopApiMethod]?: true | ((input: Input<M>) => boolean) } = {
  'commands.submit': true,
  'queue.export': true,
  'subsidies.export': true,
  'documents.exportRiskList': true,
  'documents.exportKeyPersons': true,
  /** Unmasking: the list whole on screen. */
  'documents.keyPersons': (input) => !input.masked,
  /** The documents drafted to print. */
  'documents.supervisionNotice': true,
  'documents.riskWarning': true,
  'audit.export': true,
  /** Account administration: every change to an account or to the security policy. */
  'accounts.create': true,
  'accounts.disable': true,
  'accounts.resetPassword': true,
  'accounts.setRole': true,
  'accounts.unlock': true,
  'securityPolicy.set': true,
};

function acts<M extends DesktopApiMethod>(method: M, input: Input<M>): boolean {
  const rule = ACTION_METHODS[method] as true | ((input: Input<M>) => boolean) | undefined;
  return rule === true || (rule !== undefined && rule(input));
}

/** The handler table with every action asking the gate first: refused on a wall or a locked screen. */
export function guardActions(
  handlers: DesktopApiHandlers,
  gate: () => Pick<ActionGate, 'requireMayAct'>,
): DesktopApiHandlers {
  const guarded = { ...handlers } as Record<DesktopApiMethod, (input: never) => Promise<unknown>>;
  for (const method of Object.keys(ACTION_METHODS) as DesktopApiMethod[]) {
    const handler = handlers[method] as (input: never) => Promise<unknown>;
    guarded[method] = async (input: never) => {
      if (acts(method, input)) gate().requireMayAct(method);
      return handler(input);
    };
  }
  return guarded as DesktopApiHandlers;
}
