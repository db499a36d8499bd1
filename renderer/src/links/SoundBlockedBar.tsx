import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { soundState, subscribeSound, unlockChime } from '../map/alerts/chime';
import './i18n';
import './links.css';

/**
 * An unattended wall must chime for a new high-risk incident. Where the browser still holds audio back, the
 * screen says so, with the one click that releases it; `data-state` tells what the audio is doing now.
 */
export function SoundBlockedBar() {
  const { t } = useTranslation();
  const state = useSyncExternalStore(subscribeSound, soundState);
  return (
    <div className="sound-state" data-testid="sound-state" data-state={state}>
      {state === 'blocked' && (
        <div className="sound-blocked-bar" role="alert" data-testid="sound-blocked-bar">
          <span>{t('links.sound.blocked')}</span>
          <button type="button" data-testid="sound-enable" onClick={unlockChime}>
            {t('links.sound.enable')}
          </button>
        </div>
      )}
    </div>
  );
}
