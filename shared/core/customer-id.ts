import { z } from 'zod';

/** Customer ids are ULIDs: unique without coordination, and sorted by creation time. */
export const CustomerId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'is not a customer id');
