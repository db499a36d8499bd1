interface FigureTileProps {
  testId: string;
  label: string;
  value: string;
  unit?: string;
  detail?: string;
  /** Shown as a badge, with the tile in the alarm colour, when the figure needs someone to act. */
  alert?: string;
}

/** One key figure, sized to be read across the room. */
export function FigureTile({ testId, label, value, unit, detail, alert }: FigureTileProps) {
  return (
    <div className={alert ? 'figure-tile figure-tile-alert' : 'figure-tile'} data-testid={testId}>
      <span className="figure-tile-label">
        {label}
        {alert && <span className="figure-tile-badge">⚠ {alert}</span>}
      </span>
      <span className="figure-tile-value">
        {value}
        {unit && <span className="figure-tile-unit">{unit}</span>}
      </span>
      {detail && <span className="figure-tile-detail">{detail}</span>}
    </div>
  );
}
