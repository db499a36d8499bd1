import { z } from 'zod';

export const ALERT_TYPES = ['high-risk', 'overdue'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** An incident that became high-risk, or went overdue in handling, while the screen was running. */
export const incidentAlertSchema = z.object({
  type: z.enum(ALERT_TYPES),
  incidentId: z.string(),
  title: z.string(),
  at: z.string(),
});
export type IncidentAlert = z.infer<typeof incidentAlertSchema>;
