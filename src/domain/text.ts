import { z } from 'zod';

/**
 * Four characters is a meaningful Chinese phrase (超期未办, 地震响应); anything shorter is a
 * placeholder, and reasons are read out at briefings and kept for the record.
 */
export const REASON_MIN_LENGTH = 4;
export const reasonSchema = z.string().trim().min(REASON_MIN_LENGTH).max(500);

export const noteSchema = z.string().trim().max(2000);
