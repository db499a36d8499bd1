import { z } from 'zod';
import { chinaDaySchema, dangerousObjectSchema, sensitivePlaceSchema } from '../../domain';
import { jurisdictionCodeSchema } from '../../domain/jurisdiction';

export const targetRegisterInputSchema = z.object({ scope: jurisdictionCodeSchema.optional() }).strict();

/** A dangerous object as a screen lists it: with the day its next inspection is due and whether that is past. */
export const dangerousObjectRowSchema = dangerousObjectSchema.omit({ removal: true }).extend({
  inspectionDue: chinaDaySchema,
  inspectionOverdue: z.boolean(),
});
export type DangerousObjectRow = z.infer<typeof dangerousObjectRowSchema>;
export const sensitivePlaceRowSchema = sensitivePlaceSchema.omit({ removal: true });
export type SensitivePlaceRow = z.infer<typeof sensitivePlaceRowSchema>;

/** 危险物 and 敏感地 registered in the operator's jurisdiction or a part of it, not taken off the register. */
export const targetRegisterViewSchema = z.object({
  scope: jurisdictionCodeSchema,
  dangerousObjects: z.array(dangerousObjectRowSchema),
  sensitivePlaces: z.array(sensitivePlaceRowSchema),
  /** Names by code: the scope and the villages of the entries. */
  names: z.record(z.string(), z.string()),
});
export type TargetRegisterView = z.infer<typeof targetRegisterViewSchema>;
