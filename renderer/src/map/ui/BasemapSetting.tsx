import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BasemapProblem } from '../controller/snapshot';
import { BASEMAP_KINDS, type BasemapConfig } from '../settings/basemap-setting';

export interface BasemapSettingProps {
  config: BasemapConfig;
  loading: boolean;
  problem: BasemapProblem | null;
  onApply(config: BasemapConfig, file: File | undefined): void;
}

function describe(config: BasemapConfig): string {
  switch (config.kind) {
    case 'none':
      return '';
    case 'style-url':
      return config.url;
    case 'tianditu':
      return 'tianditu.gov.cn';
    case 'pmtiles':
      return config.fileName;
  }
}

/** Chooses what lies under the region overlay; the choice is kept across restarts. */
export function BasemapSetting({ config, loading, problem, onApply }: BasemapSettingProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<BasemapConfig['kind']>(config.kind);
  const [url, setUrl] = useState(config.kind === 'style-url' ? config.url : '');
  const [key, setKey] = useState(config.kind === 'tianditu' ? config.key : '');
  const [file, setFile] = useState<File | undefined>();

  const draft = (): BasemapConfig | undefined => {
    if (kind === 'none') return { kind };
    if (kind === 'style-url') return url.trim() ? { kind, url: url.trim() } : undefined;
    if (kind === 'tianditu') return key.trim() ? { kind, key: key.trim() } : undefined;
    if (file) return { kind, fileName: file.name };
    return config.kind === 'pmtiles' ? config : undefined;
  };
  const ready = draft();

  return (
    <section className="map-panel" data-testid="basemap-setting">
      <h4>{t('map.basemap.heading')}</h4>
      <div role="radiogroup" className="map-choices">
        {BASEMAP_KINDS.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="basemap-kind"
              value={choice}
              checked={kind === choice}
              data-testid={`basemap-kind-${choice}`}
              onChange={() => setKind(choice)}
            />
            {t(`map.basemap.kind.${choice}`)}
          </label>
        ))}
      </div>
      {kind === 'style-url' && (
        <label className="map-field">
          {t('map.basemap.url')}
          <input
            type="url"
            value={url}
            data-testid="basemap-url"
            spellCheck={false}
            onChange={(event) => setUrl(event.target.value)}
          />
        </label>
      )}
      {kind === 'tianditu' && (
        <label className="map-field">
          {t('map.basemap.key')}
          <input
            type="text"
            value={key}
            spellCheck={false}
            onChange={(event) => setKey(event.target.value)}
          />
        </label>
      )}
      {kind === 'pmtiles' && (
        <div className="map-field">
          {/* The browser's own file button speaks the browser's language, not the wall's: it stays hidden. */}
          <label className="map-file-button">
            {t('map.basemap.file')}
            <input
              type="file"
              accept=".pmtiles"
              className="map-file-input"
              data-testid="basemap-file"
              onChange={(event) => setFile(event.target.files?.[0])}
            />
          </label>
          {(file || config.kind === 'pmtiles') && (
            <span className="map-note">
              {t(file ? 'map.basemap.chosenFile' : 'map.basemap.storedFile')}{' '}
              <span translate="no">{file?.name ?? (config.kind === 'pmtiles' ? config.fileName : '')}</span>
            </span>
          )}
        </div>
      )}
      <button
        type="button"
        data-testid="basemap-apply"
        disabled={!ready || loading}
        onClick={() => ready && onApply(ready, kind === 'pmtiles' ? file : undefined)}
      >
        {t('map.basemap.apply')}
      </button>
      {config.kind !== 'none' && (
        <p className="map-note" data-testid="basemap-current">
          {t('map.basemap.current')} <span translate="no">{describe(config)}</span>
        </p>
      )}
      {loading && <p className="map-note">{t('map.basemap.loading')}</p>}
      {problem && (
        <p className="map-note map-problem" role="alert">
          {problem.kind === 'blocked'
            ? t('map.basemap.blocked', { origin: problem.origin })
            : t('map.basemap.failed', { error: problem.message })}
        </p>
      )}
    </section>
  );
}
