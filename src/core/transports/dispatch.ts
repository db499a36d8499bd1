import { wording, wordingOf } from '../../domain/wording';
import { desktopApiContract, isDesktopApiMethod, type DesktopApiResult } from '../contract/api';
import type { DesktopApiHandlers } from '../handlers/types';

/**
 * The one place a call from the renderer meets the core: the method must exist, the input must match
 * its schema, and the output is checked too, so both transports behave the same.
 */
export async function dispatchDesktopCall(
  handlers: DesktopApiHandlers,
  method: string,
  input: unknown,
): Promise<DesktopApiResult<unknown>> {
  if (!isDesktopApiMethod(method)) {
    return { ok: false, error: wording('unknownMethod', {}, `unknown method "${method}"`) };
  }
  const contract = desktopApiContract[method];
  const parsed = contract.input.safeParse(input ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { ok: false, error: wording('invalidInput', {}, `invalid input for ${method}: ${detail}`) };
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value: contract.output.parse(value) };
  } catch (error) {
    return { ok: false, error: wordingOf(error) };
  }
}
