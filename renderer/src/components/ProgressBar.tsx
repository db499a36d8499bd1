import type { ReactNode } from 'react';

/**
 * How far a long piece of work has got: a bar filled to `done` of `total`, with what it says over it. The
 * look is the caller's, by class: `className`, `${className}-fill` and `${className}-label`.
 */
export function ProgressBar({
  done,
  total,
  className,
  testId,
  children,
}: {
  done: number;
  total: number;
  className: string;
  testId: string;
  children: ReactNode;
}) {
  const percent = total === 0 ? 0 : Math.min(100, Math.floor((done / total) * 100));
  return (
    <div
      className={className}
      role="progressbar"
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
      data-testid={testId}
    >
      <div className={`${className}-fill`} style={{ width: `${percent}%` }} />
      <span className={`${className}-label`}>{children}</span>
    </div>
  );
}
