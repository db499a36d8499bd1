import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveMap, type LiveMapProps } from '../map';
import { wordingOf } from '../../../src/domain/wording';
import { useSay } from '../words/say';
import { PanelBoundary } from './PanelBoundary';

/** The live map in its own frame: if it fails, the frame says so and offers a retry; the wall goes on. */
export const MapPanel = memo(function MapPanel(props: LiveMapProps) {
  const { t } = useTranslation();
  const say = useSay();
  return (
    <section className="wall-map">
      <PanelBoundary
        fallback={(error, retry) => (
          <div className="panel-failure" role="alert">
            <p>{t('panel.mapFailed', { error: say(wordingOf(error)) })}</p>
            <button onClick={retry}>{t('panel.retry')}</button>
          </div>
        )}
      >
        <LiveMap {...props} />
      </PanelBoundary>
    </section>
  );
});
