import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecurityPolicy, Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useSay } from '../words/say';
import { ConfirmDialog } from './ConfirmDialog';

/** Each number of the policy with the bounds the hub accepts (`securityPolicySchema`). */
const FIELDS: { key: keyof SecurityPolicy; min: number; max: number }[] = [
  { key: 'lockoutThreshold', min: 3, max: 20 },
  { key: 'lockoutWindowMinutes', min: 1, max: 24 * 60 },
  { key: 'lockoutMinutes', min: 1, max: 7 * 24 * 60 },
  { key: 'passwordExpiryDays', min: 1, max: 3650 },
  { key: 'idleTimeoutMinutes', min: 1, max: 240 },
];

/** The security administrator's policy: lockout, password expiry and idle lock, saved after a confirmation. */
export function SecurityPolicyForm() {
  const { t } = useTranslation();
  const say = useSay();
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [problem, setProblem] = useState<Wording | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void desktopApi.call('securityPolicy.get', {}).then((result) => {
      if (result.ok) setPolicy(result.value);
      else setProblem(result.error);
    });
  }, []);

  const save = async () => {
    setConfirming(false);
    if (!policy) return;
    const result = await desktopApi.call('securityPolicy.set', policy);
    setProblem(result.ok ? null : result.error);
    if (result.ok) setPolicy(result.value);
    setSaved(result.ok);
  };
  const ask = (event: FormEvent) => {
    event.preventDefault();
    setConfirming(true);
  };

  return (
    <form className="administration-policy" data-testid="security-policy" onSubmit={ask}>
      <h3>{t('administration.policy.title')}</h3>
      {problem && (
        <p className="notice error" role="alert">
          {say(problem)}
        </p>
      )}
      {saved && <p className="notice">{t('administration.policy.saved')}</p>}
      {policy &&
        FIELDS.map(({ key, min, max }) => (
          <label key={key}>
            {t(`administration.policy.${key}`)}
            <input
              type="number"
              data-testid={`policy-${key}`}
              min={min}
              max={max}
              step={1}
              required
              value={policy[key]}
              onChange={(e) => {
                setSaved(false);
                setPolicy({ ...policy, [key]: e.target.valueAsNumber });
              }}
            />
            <span className="muted">{t('administration.policy.bounds', { min, max })}</span>
          </label>
        ))}
      {policy && (
        <button type="submit" data-testid="security-policy-save">
          {t('administration.policy.save')}
        </button>
      )}
      {confirming && (
        <ConfirmDialog
          question={t('administration.policy.confirm')}
          onConfirm={() => void save()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </form>
  );
}
