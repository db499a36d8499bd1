import { useTranslation } from 'react-i18next';
import { CatchUpBar } from './components/CatchUpBar';
import { LivePanel } from './components/LivePanel';
import { StatusBar } from './components/StatusBar';
import { FiguresPanel } from './figures/FiguresPanel';
import { useSessionStatus } from './hooks/useDesktop';
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
  return (
    <div className={`app mode-${status?.mode ?? 'peacetime'} view-${view}`}>
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <span className="app-subtitle">{t('app.subtitle')}</span>
        <button
          className="language-switch"
          data-testid="language-switch"
          onClick={() => void i18n.changeLanguage(otherLanguage)}
        >
          {t('language.switchTo')}
        </button>
      </header>
      <CatchUpBar catchUp={status?.catchUp ?? null} />
      <main className="wall">
        {view !== 'map' && (
          <section className="wall-panels">
            <FiguresPanel />
            <LivePanel />
          </section>
        )}
        {view !== 'panels' && (
          <aside className="wall-panels">
            <RegionOverviewPanel />
          </aside>
        )}
      </main>
      <StatusBar status={status} />
    </div>
  );
}
