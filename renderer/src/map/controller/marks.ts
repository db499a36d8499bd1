/** Performance marks of the wall's incident load, for profiles and `npm run bench -- wall`. */
export const INCIDENT_LOAD_MARKS = {
  /** The map asks the core for its incidents. */
  asked: 'pingan:map-incidents-asked',
  /** The last page of them is in the map's store. */
  loaded: 'pingan:map-incidents-loaded',
} as const;
