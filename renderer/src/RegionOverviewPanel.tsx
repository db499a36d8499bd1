import type { Wording } from '../../src/domain/wording';
import { useEffect, useState, memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionOverview } from '../../src/core/contract/api';
import { desktopApi } from './api-client';
import { useSay } from './words/say';

type LoadState =
  | { status: 'loading' }
  | { status: 'failed'; error: Wording }
  | { status: 'ready'; overview: RegionOverview };

const LEVEL_KEYS = ['counties', 'townships', 'villages', 'grids'] as const;

export const RegionOverviewPanel = memo(function RegionOverviewPanel() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const say = useSay();

  useEffect(() => {
    void desktopApi.call('region.overview', {}).then((result) => {
      setState(
        result.ok ? { status: 'ready', overview: result.value } : { status: 'failed', error: result.error },
      );
    });
  }, []);

  if (state.status === 'loading') return <p className="notice">{t('overview.loading')}</p>;
  if (state.status === 'failed')
    return <p className="notice error">{t('overview.failed', { error: say(state.error) })}</p>;

  const { manifest, counts, counties } = state.overview;
  return (
    <section className="overview" data-testid="region-overview">
      <h2>{i18n.language === 'en' ? manifest.nameEn : manifest.name}</h2>
      <div className="tiles">
        {LEVEL_KEYS.map((key) => (
          <div className="tile" key={key} data-testid={`count-${key}`}>
            <span className="tile-value">{counts[key].toLocaleString(i18n.language)}</span>
            <span className="tile-label">{t(`overview.${key}`)}</span>
          </div>
        ))}
      </div>
      <h3>{t('overview.countyTable')}</h3>
      <table className="county-table">
        <thead>
          <tr>
            <th>{t('overview.code')}</th>
            <th>{t('overview.name')}</th>
            {LEVEL_KEYS.slice(1).map((key) => (
              <th key={key}>{t(`overview.${key}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counties.map((county) => (
            <tr key={county.code}>
              <td>{county.code}</td>
              <td translate="no">{county.name}</td>
              {LEVEL_KEYS.slice(1).map((key) => (
                <td key={key}>{county.counts[key].toLocaleString(i18n.language)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="attribution">
        {manifest.derivedBoundaries && <p>{t('overview.derivedNote')}</p>}
        <p>
          {t('overview.sources')}:{' '}
          <span translate="no">
            {manifest.sources.map((source) => `${source.name} (${source.licence})`).join(' · ')}
          </span>
        </p>
      </footer>
    </section>
  );
});
