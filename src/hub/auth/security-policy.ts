import { DEFAULT_SECURITY_POLICY, securityPolicySchema, type SecurityPolicy } from '../../domain';
import type { HubStore, HubTransaction } from '../store';

const SETTING = 'security-policy';

/**
 * The security policy in force, read from the database at each use so that every hub on it applies the
 * one the security administrator set last; the defaults until they set one.
 */
export async function readSecurityPolicy(store: HubStore): Promise<SecurityPolicy> {
  const saved = await store.getSetting(SETTING);
  if (!saved) return DEFAULT_SECURITY_POLICY;
  const parsed = securityPolicySchema.safeParse({ ...DEFAULT_SECURITY_POLICY, ...JSON.parse(saved) });
  return parsed.success ? parsed.data : DEFAULT_SECURITY_POLICY;
}

export async function writeSecurityPolicy(tx: HubTransaction, policy: SecurityPolicy): Promise<void> {
  await tx.putSetting(SETTING, JSON.stringify(policy));
}
