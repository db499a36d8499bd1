import { z } from 'zod';
import { jurisdictionCodeSchema, regionCountsSchema, regionManifestSchema } from '../../domain/jurisdiction';

/**
 * The desktop API: every query and command the renderer may use, declared once. Each transport
 * (Electron IPC, the browser shell's local connection) carries exactly these calls, validating the input
 * on the way in and the output on the way out.
 */
export const countySummarySchema = z.object({
  code: jurisdictionCodeSchema,
  name: z.string(),
  counts: regionCountsSchema,
});

export const regionOverviewSchema = z.object({
  manifest: regionManifestSchema,
  counts: regionCountsSchema,
  counties: z.array(countySummarySchema),
});
export type RegionOverview = z.infer<typeof regionOverviewSchema>;

export const desktopApiContract = {
  'region.overview': {
    input: z.object({}).strict(),
    output: regionOverviewSchema,
  },
} as const;

export type DesktopApiContract = typeof desktopApiContract;
export type DesktopApiMethod = keyof DesktopApiContract;
export type DesktopApiInput<M extends DesktopApiMethod> = z.input<DesktopApiContract[M]['input']>;
export type DesktopApiOutput<M extends DesktopApiMethod> = z.output<DesktopApiContract[M]['output']>;

/** What a transport delivers: a value, or an error the UI can show. Never a thrown exception. */
export type DesktopApiResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface DesktopApi {
  call<M extends DesktopApiMethod>(
    method: M,
    input: DesktopApiInput<M>,
  ): Promise<DesktopApiResult<DesktopApiOutput<M>>>;
}

export function isDesktopApiMethod(name: string): name is DesktopApiMethod {
  return Object.hasOwn(desktopApiContract, name);
}
