// Typographic characters a phone keyboard or a copy-paste brings in, and their GSM-7 stand-ins.
const typographic: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u2032': "'",
  '`': "'",
  '\u00B4': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u202F': ' ',
  '\u2009': ' ',
  '\u200B': '',
  '\t': ' ',
};
const typographicPattern = new RegExp(`[${Object.keys(typographic).join('')}]`, 'gu');

/**
 * Vietnamese without its diacritics, so an SMS fits GSM-7 (160 characters instead of 70): "đ"
 * becomes "d", "Đ" "D", every other letter loses its combining marks ("Nguyễn" → "Nguyen"), and
 * curly quotes, dashes, the ellipsis and odd spaces become their plain forms. Anything else that
 * is not GSM-7 (an emoji, say) is kept: the caller measures the result and sees its encoding.
 */
export function withoutDiacritics(text: string): string {
  return text
    .replaceAll('đ', 'd')
    .replaceAll('Đ', 'D')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(typographicPattern, (char) => typographic[char] ?? char)
    .normalize('NFC');
}
