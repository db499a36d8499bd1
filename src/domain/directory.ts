import { z } from 'zod';

/** Someone who has an incident open on a screen now, as the hub reports it. */
export const viewerSchema = z.object({ accountId: z.string(), name: z.string(), role: z.string() });
export type Viewer = z.infer<typeof viewerSchema>;

/** An account whose actions appear in the records this one can see. */
export const directoryEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  jurisdiction: z.string(),
  /** The person (李明) and their post (值班员); absent from a hub that does not keep them. */
  displayName: z.string().optional(),
  post: z.string().optional(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;
