import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CatchUpBar } from './components/CatchUpBar';
import { LivePanel } from './components/LivePanel';
import { PanelBoundary } from './components/PanelBoundary';
import { StatusBar } from './components/StatusBar';
import { FiguresPanel } from './figures/FiguresPanel';
import { useSessionStatus } from './hooks/useDesktop';
import { LiveMap } from './map';
import { RegionOverviewPanel } from './RegionOverviewPanel';

/** Which part of the wall this window shows: Electron opens a map window and a panels window. */
type View = 'map' | 'panels' | 'wall';
function currentView(): View {
  const view = new URLSearchParams(window.location.search).get('view');
  return view === 'map' || view === 'panels' ? view : 'wall';
}

export function App() {
  const view = currentView();
  const { t, i18n } = useTranslation();
  const status = useSessionStatus();
  const otherLanguage = i18n.language === 'en' ? 'zh-CN' : 'en';
  // The figures follow the map's drill-down; without a map (the panels window) they show the whole jurisdiction.
  const [scope, setScope] = useState<string | undefined>(undefined);
  return (
    <div className={`app mode-${status?.mode ?? 'peacetime'} view-${view}`}>
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <span className="app-subtitle">{t('app.subtitle')}</span>
        <button
          className="language-switch"
          data-testid="language-switch"
          lang={otherLanguage}
          translate="no"
          onClick={() => void i18n.changeLanguage(otherLanguage)}
        >
          {t('language.switchTo')}
        </button>
      </header>
      <CatchUpBar catchUp={status?.catchUp ?? null} />
      <main className="wall">
        {view !== 'panels' && (
          <section className="wall-map">
            <PanelBoundary
              fallback={(error, retry) => (
                <div className="panel-failure" role="alert">
                  <p>{t('panel.mapFailed', { error: error.message })}</p>
                  <button onClick={retry}>{t('panel.retry')}</button>
                </div>
              )}
            >
              <LiveMap onScopeChange={setScope} />
            </PanelBoundary>
          </section>
        )}
        {view !== 'map' && (
          <aside className="wall-panels">
            <FiguresPanel scope={scope} />
            <LivePanel />
            <RegionOverviewPanel />
          </aside>
        )}
      </main>
      <StatusBar status={status} />
    </div>
  );
}
