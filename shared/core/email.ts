import { z } from 'zod';

/** Trimmed and lower-cased: one mailbox, one spelling, one identity item. */
export function normalizeEmail(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

export const EmailAddress = z
  .string()
  .max(254)
  .transform(normalizeEmail)
  .pipe(z.email({ message: 'is not a valid email address' }));
export type EmailAddress = z.infer<typeof EmailAddress>;
