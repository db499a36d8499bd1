import { apiErrorBodySchema } from '../../protocol';

/** What the hub made of a password given again to unlock the screen. */
export type PasswordCheck = 'right' | 'wrong' | 'account-locked' | 'unreachable' | 'refused';

/** Whether the hub's refusal says the account is locked (too many wrong passwords), not merely the password wrong. */
async function saysAccountLocked(response: Response): Promise<boolean> {
  if (response.status === 423) return true;
  const body = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
  return body.success && body.data.error.code.includes('locked');
}

/**
 * Checks `password` by signing in to the hub again as `name`: the hub decides, and counts a wrong password as
 * it counts any failed sign-in (locking the account after too many). The answer's tokens are not kept; the
 * session goes on with its own. Without the hub nobody can say the password is right, so nothing is accepted.
 */
export async function checkPasswordWithHub(
  hubUrl: string,
  name: string,
  password: string,
): Promise<PasswordCheck> {
  let response: Response;
  try {
    response = await fetch(new URL('/api/v1/auth/login', hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
  } catch {
    return 'unreachable';
  }
  if (response.ok) {
    await response.body?.cancel();
    return 'right';
  }
  if (await saysAccountLocked(response)) return 'account-locked';
  if (response.status === 401) return 'wrong';
  return response.status >= 500 ? 'unreachable' : 'refused';
}
