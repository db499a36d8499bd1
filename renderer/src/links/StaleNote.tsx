import { useLinks } from './useLinks';

/** "数据截至 HH:mm" on a panel whose figures stopped moving when a link dropped; nothing while live. */
export function StaleNote() {
  const { dataAsOf } = useLinks();
  if (!dataAsOf) return null;
  return (
    <p className="stale-note" data-testid="stale-note" role="status">
      {dataAsOf}
    </p>
  );
}
