import { useTranslation } from 'react-i18next';
import { FONT_SCALES } from '../settings/preferences';
import { Segmented } from './Segmented';

export interface DisplaySettingsProps {
  fontScale: number;
  chime: boolean;
  onFontScale(scale: number): void;
  onChime(enabled: boolean): void;
}

/** Reading size for the far end of the room, and whether a new high-risk incident chimes. */
export function DisplaySettings({ fontScale, chime, onFontScale, onChime }: DisplaySettingsProps) {
  const { t } = useTranslation();
  return (
    <section className="map-panel">
      <h4>{t('map.display.heading')}</h4>
      <div className="map-field">
        <span>{t('map.display.fontScale')}</span>
        <Segmented
          label={t('map.display.fontScale')}
          options={FONT_SCALES}
          value={fontScale}
          onChange={onFontScale}
          text={(scale) => `${Math.round(scale * 100)}%`}
          testIdPrefix="font-scale-"
        />
      </div>
      <label className="map-field map-inline">
        <input
          type="checkbox"
          checked={chime}
          data-testid="chime-toggle"
          onChange={(event) => onChime(event.target.checked)}
        />
        {t('map.display.sound')}: {chime ? t('map.display.soundOn') : t('map.display.soundOff')}
      </label>
    </section>
  );
}
