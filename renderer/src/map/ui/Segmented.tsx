interface SegmentedProps<T extends string | number> {
  label: string;
  options: readonly T[];
  value: T;
  onChange(value: T): void;
  /** What each option says on its button. */
  text(option: T): string;
  /** Each button's test id is this followed by the option. */
  testIdPrefix: string;
}

/** One choice of a few, as a row of buttons that read as a radio group to assistive technology. */
export function Segmented<T extends string | number>(props: SegmentedProps<T>) {
  return (
    <div className="map-segmented" role="radiogroup" aria-label={props.label}>
      {props.options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={props.value === option}
          data-testid={`${props.testIdPrefix}${option}`}
          onClick={() => props.onChange(option)}
        >
          {props.text(option)}
        </button>
      ))}
    </div>
  );
}
