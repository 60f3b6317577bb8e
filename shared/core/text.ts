import { z } from 'zod';

/**
 * Text a person typed, kept as typed but in Unicode NFC, so "Nguyễn" typed on a phone (often
 * decomposed) and on a desktop compare and export the same.
 */
export function typedText(max: number) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(z.string().min(1, 'must not be empty').max(max));
}
