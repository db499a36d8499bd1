import { useState } from 'react';

/** A step's pending call: whether it is on its way, to disable the button meanwhile. */
export function useWorking(): [boolean, <T>(work: Promise<T>) => Promise<T>] {
  const [working, setWorking] = useState(false);
  const run = async <T>(work: Promise<T>) => {
    setWorking(true);
    try {
      return await work;
    } finally {
      setWorking(false);
    }
  };
  return [working, run];
}

/** The value of a field, read once and emptied at once: what a person typed is never kept in the page's state. */
export function takeValue(field: HTMLInputElement | null): string {
  if (!field) return '';
  const value = field.value;
  field.value = '';
  return value;
}
