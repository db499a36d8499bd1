/** One labelled bar per row, longest first as given: read across the room without a chart's axes. */
export function BarList({
  rows,
  testId,
  colour = '#4CC3FF',
}: {
  rows: readonly { key: string; label: string; value: number; text: string; alert?: boolean }[];
  testId: string;
  colour?: string;
}) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  return (
    <ol className="bar-list" data-testid={testId}>
      {rows.map((row) => (
        <li key={row.key} className={row.alert ? 'alert' : undefined}>
          <span className="bar-label" translate="no">
            {row.label}
          </span>
          <span className="bar-track">
            <span className="bar-fill" style={{ width: `${(row.value / max) * 100}%`, background: colour }} />
          </span>
          <span className="bar-value">{row.text}</span>
        </li>
      ))}
    </ol>
  );
}
