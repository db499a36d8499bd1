import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDayOf } from '../../../src/domain';
import { remInPixels } from '../figures/chart-text';
import type { SessionStatus } from '../../../src/core/contract/api';
import { BulletinEditor } from '../documents/BulletinEditor';
import { useLiveQuery } from '../hooks/useDesktop';
import './briefing.css';
import { BriefingToolbar, type BriefingChoice } from './BriefingToolbar';
import { slidesOf } from './slides-of';
import { SlideView } from './SlideView';
import { useSlideKeys } from './useSlideKeys';
import { useSay } from '../words/say';

/** A briefing replays the whole log: refreshed as the log grows, but not more often than this. */
const REFRESH_MS = 10_000;
const BRIEFING_KINDS = ['incident', 'order', 'mode', 'sla', 'dangerous-object', 'sensitive-place'] as const;
/** Chart text on a slide is larger than on the panels: it is read from the back of the room. */
const SLIDE_TEXT_REM = 1.4;

/** The briefing chosen, and its slides as loaded: a new choice starts again from the first slide. */
function useBriefingDeck(today: string) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<BriefingChoice>({ day: today, scope: undefined, period: 'day' });
  const [index, setIndex] = useState(0);
  const { day, period, scope } = choice;
  const loaded = useLiveQuery(
    'briefing.get',
    scope ? { day, period, scope } : { day, period },
    BRIEFING_KINDS,
    REFRESH_MS,
  );
  const value = loaded.state === 'ready' ? loaded.value : null;
  const slides = value ? slidesOf(value.briefing, value.names, remInPixels(SLIDE_TEXT_REM), t) : [];
  const count = slides.length;
  const choose = (change: Partial<BriefingChoice>) => {
    setChoice({ ...choice, ...change });
    setIndex(0);
  };
  const turn = useCallback(
    (by: number) => setIndex((at) => Math.min(Math.max(0, at + by), Math.max(0, count - 1))),
    [count],
  );
  const first = useCallback(() => setIndex(0), []);
  const last = useCallback(() => setIndex(count - 1), [count]);
  const current = slides[Math.min(index, Math.max(0, count - 1))];
  return { choice, choose, loaded, value, index, count, current, turn, first, last };
}

/**
 * 每日研判, 每周分析, 每月调度, 每季通报: a period's briefing as slides for the wall, turned by keyboard or
 * clicker, full screen on demand.
 */
export function BriefingScreen({ operator }: { operator: SessionStatus['operator'] }) {
  const { t } = useTranslation();
  const say = useSay();
  const today = chinaDayOf(Date.now());
  const { choice, choose, loaded, value, index, count, current, turn, first, last } = useBriefingDeck(today);
  const [writing, setWriting] = useState(false);
  const deck = useRef<HTMLElement>(null);
  const toggleFullScreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void deck.current?.requestFullscreen();
  }, []);
  useSlideKeys({ turn, first, last, toggleFullScreen });

  return (
    <main className="briefing" data-testid="briefing">
      <BriefingToolbar
        operator={operator}
        choice={choice}
        today={today}
        writing={writing}
        onChoice={choose}
        onPresent={toggleFullScreen}
        onWriting={setWriting}
      />
      <section className="briefing-deck" ref={deck} data-testid="briefing-deck">
        {loaded.state === 'failed' && <p className="notice error">{say(loaded.error)}</p>}
        {!value && loaded.state !== 'failed' && <p className="slide-empty">{t('briefing.loading')}</p>}
        {value && current && (
          <SlideView
            briefing={value.briefing}
            names={value.names}
            slide={current}
            index={index}
            count={count}
            onTurn={turn}
          />
        )}
      </section>
      {writing && (
        <BulletinEditor
          day={choice.day}
          period={choice.period}
          scope={choice.scope}
          operator={operator}
          onClose={() => setWriting(false)}
        />
      )}
    </main>
  );
}
