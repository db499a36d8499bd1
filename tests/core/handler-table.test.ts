import { describe, expect, expectTypeOf, it } from 'vitest';
import { desktopApiContract } from '../../src/core/contract/api';
import {
  createDesktopHandlers,
  HANDLER_MODULES,
  type NoMethodAnsweredTwice,
  type NoMethodOutsideContract,
  type NoMethodUnanswered,
} from '../../src/core/handlers/desktop-handlers';
import type { CoreServices } from '../../src/core/handlers/types';

/** The modules only take their services when built; no handler is called here, so none needs to be real. */
const noServices = {} as CoreServices;

describe('the desktop handler table', () => {
  const contractMethods = Object.keys(desktopApiContract).sort();

  it('has exactly the methods of the API contract, each a function', () => {
    const handlers = createDesktopHandlers(noServices);
    expect(Object.keys(handlers).sort()).toEqual(contractMethods);
    for (const method of contractMethods)
      expect(typeof handlers[method as keyof typeof handlers], method).toBe('function');
  });

  it('is merged from modules that each answer their own methods, none answered twice', () => {
    const answered = HANDLER_MODULES.flatMap((module) => Object.keys(module(noServices)));
    expect(answered).toHaveLength(contractMethods.length);
    expect(new Set(answered).size).toBe(answered.length);
  });

  it('is proven complete and exact when the core compiles', () => {
    expectTypeOf<NoMethodUnanswered>().toBeNever();
    expectTypeOf<NoMethodOutsideContract>().toBeNever();
    expectTypeOf<NoMethodAnsweredTwice>().toBeNever();
  });
});
