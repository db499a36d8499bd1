import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { BRIEFING_PERIODS, chinaDayOf, type Briefing, type BriefingPeriod } from '../../../src/domain';
import { remInPixels } from '../figures/chart-text';
import type { SessionStatus } from '../../../src/core/contract/api';
import { DayPicker } from '../components/DatePickers';
import { ScopePicker } from '../components/ScopePicker';
import { useScreenActive } from '../components/TabScreen';
import { BulletinEditor } from '../documents/BulletinEditor';
import { useLiveQuery } from '../hooks/useDesktop';
import { formatChinaClock } from '../workspace/time';
import { periodWords } from './period-words';
import { ArrivalsSlide } from './slides/ArrivalsSlide';
import { HeadlineSlide } from './slides/HeadlineSlide';
import { HotspotSlide } from './slides/HotspotSlide';
import { KpiSlide } from './slides/KpiSlide';
import { OpenSlide } from './slides/OpenSlide';
import { OrdersSlide } from './slides/OrdersSlide';
import { OverdueSlide } from './slides/OverdueSlide';
import { TopRisksSlide } from './slides/TopRisksSlide';
import './briefing.css';
import { TargetsSlide } from '../targets/TargetsSlide';
import { useSay } from '../words/say';

/** A briefing replays the whole log: refreshed as the log grows, but not more often than this. */
const REFRESH_MS = 10_000;
const BRIEFING_KINDS = ['incident', 'order', 'mode', 'sla', 'dangerous-object', 'sensitive-place'] as const;
/** Presentation clickers send Page Up/Down; keyboards the arrows and space. */
const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);
const CHOOSE_KEYS = new Set(['Enter', ' ']);
/** Chart text on a slide is larger than on the panels: it is read from the back of the room. */
const SLIDE_TEXT_REM = 1.4;

interface Slide {
  key: string;
  title: string;
  content: ReactNode;
}

function slidesOf(
  briefing: Briefing,
  names: Record<string, string>,
  fontSize: number,
  t: TFunction,
): Slide[] {
  const words = periodWords(t, briefing.period);
  const slides: Slide[] = [
    {
      key: 'headline',
      title: t('briefing.slides.headline', { this: words.this }),
      content: <HeadlineSlide briefing={briefing} words={words} />,
    },
    {
      key: 'kpis',
      title: t('briefing.slides.kpis', { this: words.this }),
      content: <KpiSlide briefing={briefing} words={words} />,
    },
    {
      key: 'arrivals',
      title: t(`briefing.slides.arrivals.${briefing.arrivals.bucket}`),
      content: <ArrivalsSlide briefing={briefing} words={words} fontSize={fontSize} />,
    },
    {
      key: 'open',
      title: t('briefing.slides.open'),
      content: <OpenSlide briefing={briefing} fontSize={fontSize} />,
    },
    {
      key: 'topRisks',
      title: t('briefing.slides.topRisks'),
      content: <TopRisksSlide briefing={briefing} names={names} />,
    },
    {
      key: 'overdue',
      title: t('briefing.slides.overdue'),
      content: <OverdueSlide briefing={briefing} />,
    },
    {
      key: 'targets',
      title: t('targets.slideTitle'),
      content: <TargetsSlide briefing={briefing} names={names} />,
    },
    {
      key: 'hotspots',
      title: t('briefing.slides.hotspots', { span: words.span }),
      content: <HotspotSlide briefing={briefing} names={names} words={words} />,
    },
  ];
  if (briefing.orders)
    slides.push({
      key: 'orders',
      title: t('briefing.slides.orders'),
      content: <OrdersSlide orders={briefing.orders} words={words} />,
    });
  return slides;
}

/**
 * 每日研判, 每周分析, 每月调度, 每季通报: a period's briefing as slides for the wall, turned by keyboard or
 * clicker, full screen on demand.
 */
export function BriefingScreen({ operator }: { operator: SessionStatus['operator'] }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const [scope, setScope] = useState<string | undefined>(undefined);
  const today = chinaDayOf(Date.now());
  const [day, setDay] = useState(today);
  const [period, setPeriod] = useState<BriefingPeriod>('day');
  const [index, setIndex] = useState(0);
  const [writing, setWriting] = useState(false);
  const deck = useRef<HTMLElement>(null);
  const loaded = useLiveQuery(
    'briefing.get',
    scope ? { day, period, scope } : { day, period },
    BRIEFING_KINDS,
    REFRESH_MS,
  );
  const value = loaded.state === 'ready' ? loaded.value : null;
  const slides = value ? slidesOf(value.briefing, value.names, remInPixels(SLIDE_TEXT_REM), t) : [];
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

  // The keys turn the slides only while the briefing is the tab shown: elsewhere they are the other tab's.
  const shown = useScreenActive();
  useEffect(() => {
    if (!shown) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      const typing =
        target instanceof HTMLInputElement ||
        target instanceof HTMLSelectElement ||
        target instanceof HTMLTextAreaElement;
      // Typing a bulletin, or anything else in a dialog, is not turning slides.
      if (typing || (target instanceof Element && target.closest('dialog'))) return;
      // A period button takes Enter and space as its choice; the clicker's keys still turn the slides.
      if (target instanceof HTMLElement && target.closest('.briefing-periods') && CHOOSE_KEYS.has(event.key))
        return;
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
  }, [turn, count, toggleFullScreen, shown]);

  return (
    <main className="briefing" data-testid="briefing">
      <div className="briefing-toolbar">
        <div className="date-field">
          {t('briefing.day')}
          <DayPicker
            testId="briefing-day"
            label={t('briefing.day')}
            value={day}
            max={today}
            onChange={(next) => {
              setDay(next);
              setIndex(0);
            }}
          />
        </div>
        {operator && (
          <ScopePicker
            root={operator.jurisdiction}
            value={scope}
            testId="briefing-scope"
            onChange={(next) => {
              setScope(next);
              setIndex(0);
            }}
          />
        )}
        <div
          className="briefing-periods"
          role="radiogroup"
          aria-label={t('briefing.period')}
          data-testid="briefing-period"
        >
          {BRIEFING_PERIODS.map((option) => (
            <button
              key={option}
              type="button"
              role="radio"
              aria-checked={option === period}
              data-testid={`briefing-period-${option}`}
              title={t(`briefing.periods.${option}.name`)}
              onClick={() => {
                setPeriod(option);
                setIndex(0);
              }}
            >
              {t(`briefing.periods.${option}.short`)}
            </button>
          ))}
        </div>
        <button data-testid="briefing-present" onClick={toggleFullScreen}>
          {t('briefing.present')}
        </button>
        <button
          data-testid="briefing-bulletin"
          className={writing ? 'active' : ''}
          onClick={() => setWriting(!writing)}
        >
          {t('documents.bulletin.heading')}
        </button>
        <span className="muted">{t('briefing.keys')}</span>
      </div>
      <section className="briefing-deck" ref={deck} data-testid="briefing-deck">
        {loaded.state === 'failed' && <p className="notice error">{say(loaded.error)}</p>}
        {!value && loaded.state !== 'failed' && <p className="slide-empty">{t('briefing.loading')}</p>}
        {value && current && (
          <article className="slide" data-testid="briefing-slide" data-slide={current.key}>
            <header className="slide-header">
              <div>
                <h2 translate="no">
                  {t('briefing.title', {
                    place: value.names[value.briefing.scope] ?? value.briefing.scope,
                    name: periodWords(t, value.briefing.period).name,
                  })}
                  {value.briefing.mode === 'wartime' && (
                    <span className="slide-mode">{t('briefing.wartime')}</span>
                  )}
                </h2>
                <p className="slide-subtitle">
                  {t('briefing.subtitle', {
                    dates:
                      value.briefing.period === 'day'
                        ? value.briefing.day
                        : t('briefing.range', { from: value.briefing.from, until: value.briefing.until }),
                    asOf: formatChinaClock(value.briefing.asOf, i18n.language),
                  })}
                </p>
              </div>
              <h3>{current.title}</h3>
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
      {writing && (
        <BulletinEditor
          day={day}
          period={period}
          scope={scope}
          operator={operator}
          onClose={() => setWriting(false)}
        />
      )}
    </main>
  );
}
