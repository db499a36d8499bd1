import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopApiOutput } from '../../../src/core/contract/api';
import type { Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useSay } from '../words/say';
import { useWorking } from './form-values';
import { CodeForm } from './TotpCodeStep';

/** A key as an authenticator app asks it typed: groups of four characters. */
export const inGroupsOfFour = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? '';

/** The otpauth:// URI as a QR code the phone's authenticator app scans; drawn in the page, never fetched. */
function KeyQrCode({ uri }: { uri: string }) {
  const { t } = useTranslation();
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Loaded only here: every other screen starts without the QR encoder.
    void import('qrcode')
      .then(({ toString }) => toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then((drawn) => {
        if (current) setSvg(drawn);
      });
    return () => {
      current = false;
    };
  }, [uri]);
  if (!svg) return null;
  return (
    <img
      className="sign-in-qr"
      data-testid="totp-qr"
      alt={t('signIn.qrAlt')}
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
    />
  );
}

/**
 * Setting up an administrator's authenticator app: the key is fetched when the person asks (the hub makes a new
 * one each time) and shown once, as a QR code to scan and typed in groups of four with its issuer and account,
 * then the app's first code.
 */
export function TotpEnrolmentStep() {
  const { t } = useTranslation();
  const say = useSay();
  const [key, setKey] = useState<DesktopApiOutput<'session.enrolTotp'> | null>(null);
  const [refusal, setRefusal] = useState<Wording | null>(null);
  const [working, run] = useWorking();

  const start = async () => {
    const result = await run(desktopApi.call('session.enrolTotp', {}));
    if (result.ok) setKey(result.value);
    else setRefusal(result.error);
  };

  if (!key) {
    return (
      <div data-testid="sign-in-enrol">
        <p>{t('signIn.enrolIntro')}</p>
        {refusal && (
          <p className="sign-in-problems" role="alert">
            {say(refusal)}
          </p>
        )}
        <button type="button" onClick={() => void start()} disabled={working} data-testid="show-key">
          {working ? t('signIn.working') : t('signIn.enrolStart')}
        </button>
      </div>
    );
  }
  return (
    <div data-testid="sign-in-enrol">
      <p>{t('signIn.scan')}</p>
      <KeyQrCode uri={key.uri} />
      <dl className="sign-in-key">
        <dt>{t('signIn.secret')}</dt>
        <dd className="sign-in-secret" data-testid="totp-secret">
          {inGroupsOfFour(key.secret)}
        </dd>
        <dt>{t('signIn.issuer')}</dt>
        <dd>{key.issuer}</dd>
        <dt>{t('signIn.account')}</dt>
        <dd>{key.label}</dd>
      </dl>
      <p className="sign-in-hint">{t('signIn.onceOnly')}</p>
      <CodeForm label={t('signIn.firstCode')} button={t('signIn.confirm')} method="session.confirmTotp" />
    </div>
  );
}
