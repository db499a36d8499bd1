import { useEffect } from 'react';
import { useScreenActive } from '../components/TabScreen';

/** Presentation clickers send Page Up/Down; keyboards the arrows and space. */
const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);
const CHOOSE_KEYS = new Set(['Enter', ' ']);

export interface SlideMoves {
  turn(by: number): void;
  first(): void;
  last(): void;
  toggleFullScreen(): void;
}

/** Whether a key pressed on `target` is someone's typing or choosing rather than the presenter's. */
function meantForAControl(target: EventTarget | null, key: string): boolean {
  const typing =
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement;
  // Typing a bulletin, or anything else in a dialog, is not turning slides.
  if (typing || (target instanceof Element && target.closest('dialog'))) return true;
  // A period button takes Enter and space as its choice; the clicker's keys still turn the slides.
  return (
    target instanceof HTMLElement && target.closest('.briefing-periods') !== null && CHOOSE_KEYS.has(key)
  );
}

/** The keys turn the slides only while the briefing is the tab shown: elsewhere they are the other tab's. */
export function useSlideKeys({ turn, first, last, toggleFullScreen }: SlideMoves): void {
  const shown = useScreenActive();
  useEffect(() => {
    if (!shown) return;
    const onKey = (event: KeyboardEvent) => {
      if (meantForAControl(event.target, event.key)) return;
      if (NEXT_KEYS.has(event.key)) turn(1);
      else if (PREVIOUS_KEYS.has(event.key)) turn(-1);
      else if (event.key === 'Home') first();
      else if (event.key === 'End') last();
      else if (event.key === 'f' || event.key === 'F') toggleFullScreen();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [turn, first, last, toggleFullScreen, shown]);
}
