import { apiErrorBodySchema } from '../../protocol';

/** What the hub made of a password given again to unlock the screen. */
export type PasswordCheck =
  'right' | 'wrong' | 'account-locked' | 'code-required' | 'unreachable' | 'refused';

/** The hub's code for a refusal, when its body says. */
async function refusalCode(response: Response): Promise<string> {
  const body = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
  return body.success ? body.data.error.code : '';
}

/**
 * Checks `password` (and an administrator's `totpCode`) by signing in to the hub again as `name`: the hub decides, and counts a wrong password as
 * it counts any failed sign-in (locking the account after too many). The answer's tokens are not kept; the
 * session goes on with its own. Without the hub nobody can say the password is right, so nothing is accepted.
 */
export async function checkPasswordWithHub(
  hubUrl: string,
  name: string,
  password: string,
  totpCode?: string,
): Promise<PasswordCheck> {
  let response: Response;
  try {
    response = await fetch(new URL('/api/v1/auth/login', hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password, totpCode }),
    });
  } catch {
    return 'unreachable';
  }
  if (response.ok) {
    await response.body?.cancel();
    return 'right';
  }
  const code = await refusalCode(response);
  if (response.status === 423 || code.includes('locked')) return 'account-locked';
  // An administrator's password alone does not sign in: the hub asks for the app's code with it.
  if (code === 'totp-required' && totpCode === undefined) return 'code-required';
  if (response.status === 401) return 'wrong';
  return response.status >= 500 ? 'unreachable' : 'refused';
}
