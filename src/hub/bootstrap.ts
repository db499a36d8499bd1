import { prepareAccount, storeAccount, storeNewApiKey } from './accounts';
import type { RegionIndex } from './region-index';
import type { HubStore } from './store';

export interface BootstrapCredentials {
  /** The three administrators of 三员分立: system, security and audit. */
  admin: { name: string; password: string };
  security: { name: string; password: string };
  auditor: { name: string; password: string };
  demoOperator: { name: string; password: string };
  simulator: { apiKey: string; operator: { name: string; password: string } };
}

/**
 * On a hub's first run (no accounts yet): the region's three administrators (system, security, audit), a demo duty commander, and what the
 * simulator needs to drive the hub (an ingest key and a commander account). Passwords are returned once
 * and stored only as hashes. All of it is written in one transaction: when several hub processes start
 * together on one database, one of them bootstraps and the others find the names taken and stand back.
 */
export async function bootstrapAccounts(
  store: HubStore,
  region: RegionIndex,
): Promise<BootstrapCredentials | null> {
  if ((await store.countAccounts()) > 0) return null;
  const root = region.rootCode;
  const [admin, security, auditor, duty, simulator] = await Promise.all([
    prepareAccount({
      name: 'admin',
      role: 'sysadmin',
      jurisdiction: root,
      displayName: '王芳',
      post: '系统管理员',
    }),
    prepareAccount({
      name: 'security',
      role: 'secadmin',
      jurisdiction: root,
      displayName: '赵敏',
      post: '安全管理员',
    }),
    prepareAccount({
      name: 'auditor',
      role: 'auditadmin',
      jurisdiction: root,
      displayName: '陈静',
      post: '审计管理员',
    }),
    // The demo's duty account and the simulator's are signed in by programs (`npm start` hands the duty
    // password to the desktop, the simulator reads its file), with nobody there to choose a new password:
    // their generated passwords are not forced to change, nor do they expire, unlike everyone else's.
    prepareAccount(
      { name: 'duty', role: 'commander', jurisdiction: root, displayName: '李明', post: '值班长' },
      { mustChangePassword: false, passwordExpires: false },
    ),
    prepareAccount(
      { name: 'simulator', role: 'commander', jurisdiction: root, displayName: '张伟', post: '指挥长' },
      { mustChangePassword: false, passwordExpires: false },
    ),
  ]);
  try {
    const simulatorKey = await store.transaction(async (tx) => {
      for (const prepared of [admin, security, auditor, duty, simulator]) await storeAccount(tx, prepared);
      return storeNewApiKey(tx, 'simulator', root, '模拟前端系统');
    });
    return {
      admin: { name: admin.account.name, password: admin.password },
      security: { name: security.account.name, password: security.password },
      auditor: { name: auditor.account.name, password: auditor.password },
      demoOperator: { name: duty.account.name, password: duty.password },
      simulator: {
        apiKey: simulatorKey.key,
        operator: { name: simulator.account.name, password: simulator.password },
      },
    };
  } catch (error) {
    if ((await store.countAccounts()) > 0) return null;
    throw error;
  }
}
