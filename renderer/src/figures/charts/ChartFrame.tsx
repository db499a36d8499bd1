import type { ReactNode } from 'react';

/** Where a chart sits in the panel's grid, which arranges the charts by the room the panel has. */
export type ChartArea = 'stage' | 'risk' | 'arrivals' | 'satisfaction' | 'coverage';

/** A chart with its title, as every chart on the panel is framed. */
export function ChartFrame({
  testId,
  title,
  area,
  children,
}: {
  testId: string;
  title: string;
  area: ChartArea;
  children: ReactNode;
}) {
  return (
    <figure className="figure-chart" style={{ gridArea: area }} data-testid={testId}>
      <figcaption>{title}</figcaption>
      {children}
    </figure>
  );
}
