import { useTranslation } from 'react-i18next';
import type { Briefing } from '../../../src/domain';
import { formatChinaClock } from '../workspace/time';
import { periodWords } from './period-words';
import type { Slide } from './slides-of';

function SlideHeader({
  briefing,
  names,
  title,
}: {
  briefing: Briefing;
  names: Record<string, string>;
  title: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <header className="slide-header">
      <div>
        <h2 translate="no">
          {t('briefing.title', {
            place: names[briefing.scope] ?? briefing.scope,
            name: periodWords(t, briefing.period).name,
          })}
          {briefing.mode === 'wartime' && <span className="slide-mode">{t('briefing.wartime')}</span>}
        </h2>
        <p className="slide-subtitle">
          {t('briefing.subtitle', {
            dates:
              briefing.period === 'day'
                ? briefing.day
                : t('briefing.range', { from: briefing.from, until: briefing.until }),
            asOf: formatChinaClock(briefing.asOf, i18n.language),
          })}
        </p>
      </div>
      <h3>{title}</h3>
    </header>
  );
}

/** One slide of the deck, with the briefing's heading above it and the buttons that turn it below. */
export function SlideView({
  briefing,
  names,
  slide,
  index,
  count,
  onTurn,
}: {
  briefing: Briefing;
  names: Record<string, string>;
  slide: Slide;
  index: number;
  count: number;
  onTurn(by: number): void;
}) {
  const { t } = useTranslation();
  return (
    <article className="slide" data-testid="briefing-slide" data-slide={slide.key}>
      <SlideHeader briefing={briefing} names={names} title={slide.title} />
      <div className="slide-body">{slide.content}</div>
      <footer className="slide-footer">
        <button onClick={() => onTurn(-1)} disabled={index === 0} aria-label={t('briefing.previous')}>
          ‹
        </button>
        <span data-testid="briefing-position">
          {t('briefing.slideOf', { n: Math.min(index, count - 1) + 1, total: count })}
        </span>
        <button onClick={() => onTurn(1)} disabled={index >= count - 1} aria-label={t('briefing.next')}>
          ›
        </button>
      </footer>
    </article>
  );
}
