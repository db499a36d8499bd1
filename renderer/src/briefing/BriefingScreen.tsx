import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDayOf, type Briefing } from '../../../src/domain';
import { remInPixels } from '../figures/chart-text';
import { useLiveQuery } from '../hooks/useDesktop';
import { formatChinaClock } from '../workspace/time';
import { ArrivalsSlide } from './slides/ArrivalsSlide';
import { HeadlineSlide } from './slides/HeadlineSlide';
import { HotspotSlide } from './slides/HotspotSlide';
import { OpenSlide } from './slides/OpenSlide';
import { OrdersSlide } from './slides/OrdersSlide';
import { OverdueSlide } from './slides/OverdueSlide';
import { TopRisksSlide } from './slides/TopRisksSlide';
import './briefing.css';

/** A briefing replays the whole log: refreshed as the log grows, but not more often than this. */
const REFRESH_MS = 10_000;
const BRIEFING_KINDS = ['incident', 'order', 'mode', 'sla'] as const;
/** Presentation clickers send Page Up/Down; keyboards the arrows and space. */
const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);
/** Chart text on a slide is larger than on the panels: it is read from the back of the room. */
const SLIDE_TEXT_REM = 1.4;

interface Slide {
  key: string;
  content: ReactNode;
}

function slidesOf(briefing: Briefing, names: Record<string, string>, fontSize: number): Slide[] {
  const slides: Slide[] = [
    { key: 'headline', content: <HeadlineSlide briefing={briefing} /> },
    { key: 'arrivals', content: <ArrivalsSlide briefing={briefing} fontSize={fontSize} /> },
    { key: 'open', content: <OpenSlide briefing={briefing} fontSize={fontSize} /> },
    { key: 'topRisks', content: <TopRisksSlide briefing={briefing} names={names} /> },
    { key: 'overdue', content: <OverdueSlide briefing={briefing} /> },
    { key: 'hotspots', content: <HotspotSlide briefing={briefing} names={names} /> },
  ];
  if (briefing.orders) slides.push({ key: 'orders', content: <OrdersSlide orders={briefing.orders} /> });
  return slides;
}

/** 每日研判: the day's briefing as slides for the wall, turned by keyboard or clicker, full screen on demand. */
export function BriefingScreen({ scope }: { scope?: string }) {
  const { t, i18n } = useTranslation();
  const today = chinaDayOf(Date.now());
  const [day, setDay] = useState(today);
  const [index, setIndex] = useState(0);
  const deck = useRef<HTMLElement>(null);
  const loaded = useLiveQuery('briefing.get', scope ? { day, scope } : { day }, BRIEFING_KINDS, REFRESH_MS);
  const value = loaded.state === 'ready' ? loaded.value : null;
  const slides = value ? slidesOf(value.briefing, value.names, remInPixels(SLIDE_TEXT_REM)) : [];
  const count = slides.length;
  const current = slides[Math.min(index, Math.max(0, count - 1))];

  const turn = useCallback(
    (by: number) => setIndex((at) => Math.min(Math.max(0, at + by), Math.max(0, count - 1))),
    [count],
  );
  const toggleFullScreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void deck.current?.requestFullscreen();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      if (NEXT_KEYS.has(event.key)) turn(1);
      else if (PREVIOUS_KEYS.has(event.key)) turn(-1);
      else if (event.key === 'Home') setIndex(0);
      else if (event.key === 'End') setIndex(count - 1);
      else if (event.key === 'f' || event.key === 'F') toggleFullScreen();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [turn, count, toggleFullScreen]);

  return (
    <main className="briefing" data-testid="briefing">
      <div className="briefing-toolbar">
        <label>
          {t('briefing.day')}
          <input
            type="date"
            data-testid="briefing-day"
            value={day}
            max={today}
            onChange={(event) => {
              if (!event.target.value) return;
              setDay(event.target.value);
              setIndex(0);
            }}
          />
        </label>
        <button data-testid="briefing-present" onClick={toggleFullScreen}>
          {t('briefing.present')}
        </button>
        <span className="muted">{t('briefing.keys')}</span>
      </div>
      <section className="briefing-deck" ref={deck} data-testid="briefing-deck">
        {loaded.state === 'failed' && <p className="notice error">{loaded.error}</p>}
        {!value && loaded.state !== 'failed' && <p className="slide-empty">{t('briefing.loading')}</p>}
        {value && current && (
          <article className="slide" data-testid="briefing-slide" data-slide={current.key}>
            <header className="slide-header">
              <div>
                <h2 translate="no">
                  {t('briefing.title', { place: value.names[value.briefing.scope] ?? value.briefing.scope })}
                  {value.briefing.mode === 'wartime' && (
                    <span className="slide-mode">{t('briefing.wartime')}</span>
                  )}
                </h2>
                <p className="slide-subtitle">
                  {t('briefing.subtitle', {
                    day: value.briefing.day,
                    asOf: formatChinaClock(value.briefing.asOf, i18n.language),
                  })}
                </p>
              </div>
              <h3>{t(`briefing.slides.${current.key}`)}</h3>
            </header>
            <div className="slide-body">{current.content}</div>
            <footer className="slide-footer">
              <button onClick={() => turn(-1)} disabled={index === 0} aria-label={t('briefing.previous')}>
                ‹
              </button>
              <span data-testid="briefing-position">
                {t('briefing.slideOf', { n: Math.min(index, count - 1) + 1, total: count })}
              </span>
              <button onClick={() => turn(1)} disabled={index >= count - 1} aria-label={t('briefing.next')}>
                ›
              </button>
            </footer>
          </article>
        )}
      </section>
    </main>
  );
}
