/** A filter of one choice or none: "any" first, the choices after it. */
export function AnyOrOne<T extends string>({
  any,
  value,
  onChange,
  choices,
  testId,
  names,
}: {
  any: string;
  value: T | '';
  onChange(value: T | ''): void;
  choices: readonly (readonly [T, string])[];
  testId?: string;
  /** The labels are names (units), not words to translate. */
  names?: boolean;
}) {
  return (
    <select
      value={value}
      data-testid={testId}
      translate={names ? 'no' : undefined}
      onChange={(event) => onChange(event.target.value as T | '')}
    >
      <option value="">{any}</option>
      {choices.map(([choice, label]) => (
        <option key={choice} value={choice}>
          {label}
        </option>
      ))}
    </select>
  );
}
