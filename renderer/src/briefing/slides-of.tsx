import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { Briefing } from '../../../src/domain';
import { TargetsSlide } from '../targets/TargetsSlide';
import { periodWords } from './period-words';
import { ArrivalsSlide } from './slides/ArrivalsSlide';
import { HeadlineSlide } from './slides/HeadlineSlide';
import { HotspotSlide } from './slides/HotspotSlide';
import { KpiSlide } from './slides/KpiSlide';
import { OpenSlide } from './slides/OpenSlide';
import { OrdersSlide } from './slides/OrdersSlide';
import { OverdueSlide } from './slides/OverdueSlide';
import { TopRisksSlide } from './slides/TopRisksSlide';

export interface Slide {
  key: string;
  title: string;
  content: ReactNode;
}

/** A briefing's slides in the order they are shown; the orders' slide only where orders were given. */
export function slidesOf(
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
