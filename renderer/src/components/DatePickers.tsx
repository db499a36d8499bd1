import { useTranslation } from 'react-i18next';
import './i18n';

/** How many years back a day or a month can be chosen. */
const YEARS_BACK = 5;
const pad = (value: number) => String(value).padStart(2, '0');
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Words for one part of a calendar date in the interface's language (2026年 / 2026, 3月 / Mar, 5日 / 5): a
 * native date input would word them in the browser's language instead, whatever the operator chose.
 */
function useDateWords() {
  const { i18n } = useTranslation();
  const format = (options: Intl.DateTimeFormatOptions, year: number, month = 1, day = 1) =>
    new Intl.DateTimeFormat(i18n.language, { ...options, timeZone: 'UTC' }).format(
      new Date(Date.UTC(year, month - 1, day)),
    );
  return {
    year: (year: number) => format({ year: 'numeric' }, year),
    month: (month: number) => format({ month: 'short' }, 2000, month),
    day: (day: number) => format({ day: 'numeric' }, 2000, 1, day),
  };
}

interface PartProps {
  part: 'year' | 'month' | 'day' | 'hour' | 'minute';
  value: number;
  choices: number[];
  /** Choices past the latest allowed: shown, not choosable. */
  after?: number;
  word(value: number): string;
  testId: string;
  onChange(value: number): void;
}

function Part({ part, value, choices, after, word, testId, onChange }: PartProps) {
  const { t } = useTranslation();
  return (
    <select
      aria-label={t(`controls.date.${part}`)}
      data-testid={`${testId}-${part}`}
      value={value}
      onChange={(event) => onChange(Number(event.target.value))}
    >
      {choices.map((choice) => (
        <option key={choice} value={choice} disabled={after !== undefined && choice > after}>
          {word(choice)}
        </option>
      ))}
    </select>
  );
}

interface CalendarProps {
  /** YYYY-MM-DD, or YYYY-MM for a month. */
  value: string;
  /** The latest that can be chosen, in the same form. */
  max?: string;
  onChange(value: string): void;
  testId: string;
  label: string;
}

/** The latest of `value` and `max`, compared as the strings they are (both zero-padded, most significant first). */
const atMost = (value: string, max: string | undefined) => (max !== undefined && value > max ? max : value);

/** The year and month selects a day and a month are both chosen with; months after the latest allowed are greyed. */
function YearMonthParts({
  year,
  month,
  maxYear,
  maxMonth,
  testId,
  onChange,
}: {
  year: number;
  month: number;
  maxYear: number;
  maxMonth: number;
  testId: string;
  onChange(year: number, month: number): void;
}) {
  const words = useDateWords();
  return (
    <>
      <Part
        part="year"
        value={year}
        choices={range(Math.min(year, maxYear - YEARS_BACK), Math.max(year, maxYear))}
        after={maxYear}
        word={words.year}
        testId={testId}
        onChange={(next) => onChange(next, month)}
      />
      <Part
        part="month"
        value={month}
        choices={range(1, 12)}
        after={year === maxYear ? maxMonth : undefined}
        word={words.month}
        testId={testId}
        onChange={(next) => onChange(year, next)}
      />
    </>
  );
}

/** A calendar day chosen by year, month and day, worded in the interface's language. */
export function DayPicker({ value, max, onChange, testId, label }: CalendarProps) {
  const words = useDateWords();
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const [maxYear, maxMonth, maxDay] = (max ?? `${year + YEARS_BACK}-12-31`).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  const set = (nextYear: number, nextMonth: number, nextDay: number) => {
    const clamped = Math.min(nextDay, daysIn(nextYear, nextMonth));
    onChange(atMost(`${nextYear}-${pad(nextMonth)}-${pad(clamped)}`, max));
  };
  return (
    <span className="date-picker" role="group" aria-label={label} data-testid={testId} data-value={value}>
      <YearMonthParts
        year={year}
        month={month}
        maxYear={maxYear}
        maxMonth={maxMonth}
        testId={testId}
        onChange={(nextYear, nextMonth) => set(nextYear, nextMonth, day)}
      />
      <Part
        part="day"
        value={day}
        choices={range(1, daysIn(year, month))}
        after={year === maxYear && month === maxMonth ? maxDay : undefined}
        word={words.day}
        testId={testId}
        onChange={(next) => set(year, month, next)}
      />
    </span>
  );
}

/** A calendar month chosen by year and month, worded in the interface's language. */
export function MonthPicker({ value, max, onChange, testId, label }: CalendarProps) {
  const [year, month] = value.split('-').map(Number) as [number, number];
  const [maxYear, maxMonth] = (max ?? `${year + YEARS_BACK}-12`).split('-').map(Number) as [number, number];
  const set = (nextYear: number, nextMonth: number) => onChange(atMost(`${nextYear}-${pad(nextMonth)}`, max));
  return (
    <span className="date-picker" role="group" aria-label={label} data-testid={testId} data-value={value}>
      <YearMonthParts
        year={year}
        month={month}
        maxYear={maxYear}
        maxMonth={maxMonth}
        testId={testId}
        onChange={set}
      />
    </span>
  );
}

/** A day and a time of day (YYYY-MM-DDTHH:mm, as a local date-time), on a 24-hour clock in every language. */
export function DateTimePicker({ value, onChange, testId, label }: Omit<CalendarProps, 'max'>) {
  const { t } = useTranslation();
  const [day, time = '00:00'] = value.split('T') as [string, string?];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const set = (nextDay: string, nextHour: number, nextMinute: number) =>
    onChange(`${nextDay}T${pad(nextHour)}:${pad(nextMinute)}`);
  return (
    <span className="date-picker" role="group" aria-label={label} data-testid={testId} data-value={value}>
      <DayPicker
        value={day}
        onChange={(next) => set(next, hour, minute)}
        testId={`${testId}-date`}
        label={label}
      />
      <Part
        part="hour"
        value={hour}
        choices={range(0, 23)}
        word={pad}
        testId={testId}
        onChange={(next) => set(day, next, minute)}
      />
      <span aria-hidden="true">:</span>
      <Part
        part="minute"
        value={minute}
        choices={range(0, 59)}
        word={pad}
        testId={testId}
        onChange={(next) => set(day, hour, next)}
      />
      <span className="muted">{t('controls.date.chinaTime')}</span>
    </span>
  );
}
