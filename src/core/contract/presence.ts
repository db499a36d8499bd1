/**
 * How often a page restates the incident it shows (`incident.open`): its presence on the other screens
 * lasts only while it keeps doing so, so a page that closes is gone from them within seconds.
 */
export const PRESENCE_RENEW_MS = 3_000;

export { directoryEntrySchema, viewerSchema, type DirectoryEntry, type Viewer } from '../../domain/directory';
