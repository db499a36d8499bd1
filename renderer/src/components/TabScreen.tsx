import { createContext, Suspense, useContext, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const ScreenActive = createContext(true);

/** Whether the tab this component is on is the one shown: a hidden tab's map stops drawing, its queries wait. */
export function useScreenActive(): boolean {
  return useContext(ScreenActive);
}

/** What a tab shows while its screen's code is fetched, on its first visit. */
function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <p className="screen-loading notice" role="status" data-testid="screen-loading">
      {t('app.screenLoading')}
    </p>
  );
}

/**
 * One tab's screen, made on its first visit and kept from then on: switching away hides it without
 * unmounting, so its drill-down, selection, filters and scroll are as the operator left them, and its map is
 * not built again. Every screen lies in the same place, so a hidden one keeps its size and its map needs no
 * resizing when it comes back. The screen's code may arrive later than the tab: the boundary that waits for
 * it lies inside the kept frame, so the wait never takes down a screen already made.
 */
export function TabScreen({
  name,
  active,
  children,
}: {
  name: string;
  active: boolean;
  children: ReactNode;
}) {
  const [visited, setVisited] = useState(active);
  if (active && !visited) setVisited(true);
  if (!visited) return null;
  return (
    <div
      className={active ? 'tab-screen' : 'tab-screen tab-hidden'}
      data-testid={`tab-${name}`}
      aria-hidden={!active}
      inert={!active}
    >
      <ScreenActive.Provider value={active}>
        <Suspense fallback={<ScreenLoading />}>{children}</Suspense>
      </ScreenActive.Provider>
    </div>
  );
}
