import { createContext, useContext } from 'react';

/** Whether this screen is a display nobody works at (the wall): its panels then offer no settings or actions. */
export const DisplayOnlyContext = createContext(false);

export function useDisplayOnly(): boolean {
  return useContext(DisplayOnlyContext);
}
