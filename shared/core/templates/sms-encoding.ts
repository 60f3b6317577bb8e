/** How an SMS is encoded on the air: 7-bit GSM default alphabet, or UTF-16 (UCS-2). */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

// GSM 03.38 default alphabet, in table order (0x1B, the escape to the extension table, left out).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// The extension table: each is sent as ESC + code, so it costs two septets.
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic: ReadonlySet<string> = new Set(GSM_BASIC);
const extension: ReadonlySet<string> = new Set(GSM_EXTENSION);

/** Single-message and per-part capacity: septets for GSM-7, UTF-16 code units for UCS-2. */
export const SMS_CAPACITY: Readonly<Record<SmsEncoding, { single: number; perPart: number }>> = {
  'GSM-7': { single: 160, perPart: 153 },
  'UCS-2': { single: 70, perPart: 67 },
};

/** Whether a character (one code point) is in the GSM 03.38 default or extension table. */
export function isGsm7Character(char: string): boolean {
  return basic.has(char) || extension.has(char);
}

/** GSM-7 when every character is in the GSM 03.38 tables; otherwise the whole SMS is UCS-2. */
export function smsEncoding(text: string): SmsEncoding {
  for (const char of text) if (!isGsm7Character(char)) return 'UCS-2';
  return 'GSM-7';
}

// What one code point costs: septets in GSM-7, UTF-16 code units in UCS-2 (2 for a surrogate
// pair such as an emoji).
function unitsOf(char: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return char.length;
  return extension.has(char) ? 2 : 1;
}

/** The message's length in its encoding's units: septets (GSM-7) or code units (UCS-2). */
export function smsUnits(text: string, encoding: SmsEncoding = smsEncoding(text)): number {
  let units = 0;
  for (const char of text) units += unitsOf(char, encoding);
  return units;
}

/**
 * The parts a carrier sends, in order. A message that fits one SMS is one part; a longer one is
 * cut into parts of at most 153 septets or 67 code units (the rest of each part is the
 * concatenation header), never inside an extension escape or a surrogate pair. Empty: no parts.
 */
export function splitSms(text: string): string[] {
  const encoding = smsEncoding(text);
  const capacity = SMS_CAPACITY[encoding];
  if (text === '') return [];
  if (smsUnits(text, encoding) <= capacity.single) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of text) {
    const cost = unitsOf(char, encoding);
    if (used + cost > capacity.perPart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += cost;
  }
  parts.push(current);
  return parts;
}

/** What sending a text as one SMS involves. */
export interface SmsMeasure {
  readonly encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number;
  /** Parts the carrier bills; 0 for an empty text. */
  readonly segments: number;
}

/** The encoding, length and segment count of an SMS text. */
export function measureSms(text: string): SmsMeasure {
  const encoding = smsEncoding(text);
  return { encoding, units: smsUnits(text, encoding), segments: splitSms(text).length };
}
