import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import { can, roleSchema } from '../../../src/domain';
import { SubsidyPanel } from '../subsidies/SubsidyPanel';
import '../reports/reports.css';
import './administration.css';
import './i18n';

/**
 * The system and security administrators' screen: accounts are kept on the hub's administration page, so this
 * says where; the system administrator also sets the subsidy rates here (the deadline tables are in the header).
 */
export function AdministrationScreen({ operator }: { operator: NonNullable<SessionStatus['operator']> }) {
  const { t } = useTranslation();
  const role = roleSchema.safeParse(operator.role);
  const configures = role.success && can(role.data, 'configure-subsidies');
  return (
    <main className="reports administration" data-testid="administration">
      <section className="reports-panel administration-note">
        <header>
          <h2>{t('administration.accounts')}</h2>
        </header>
        <p data-testid="administration-accounts-note">{t('administration.accountsNote')}</p>
        {configures && <p>{t('administration.settingsNote')}</p>}
      </section>
      {configures && (
        <section className="reports-panel">
          <SubsidyPanel />
        </section>
      )}
    </main>
  );
}
