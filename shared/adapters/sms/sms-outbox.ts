import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** One line of the local SMS outbox: what SNS would have been asked to send, and its cost. */
export const SmsOutboxEntry = z.object({
  id: z.string(),
  /** ISO 8601, when the sender accepted it. */
  time: z.string(),
  to: z.string(),
  senderId: z.string().nullable(),
  type: z.enum(['Promotional', 'Transactional']),
  text: z.string(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  segments: z.number().int().nonnegative(),
});
export type SmsOutboxEntry = z.infer<typeof SmsOutboxEntry>;

/**
 * Reads the outbox file, oldest first; an absent file is an empty outbox. A line that does not
 * parse (a write cut short by a crash) is skipped rather than hiding every other message.
 */
export async function readSmsOutbox(path: string): Promise<SmsOutboxEntry[]> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: SmsOutboxEntry[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = SmsOutboxEntry.safeParse(json);
    if (parsed.success) entries.push(parsed.data);
  }
  return entries;
}
