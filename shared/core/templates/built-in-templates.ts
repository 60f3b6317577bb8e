import { outageEmail, outageOrderEmail, promotionEmail, winBackEmail } from './built-in-email';
import { outageOrderSms, outageSms, promotionSms, winBackSms } from './built-in-sms';
import type { MessageTemplate } from './message-template';

export {
  outageEmail,
  outageOrderEmail,
  outageOrderSms,
  outageSms,
  promotionEmail,
  promotionSms,
  winBackEmail,
  winBackSms,
};

/** The templates a new shop starts with, in Vietnamese and English; the owner may edit them. */
export const builtInTemplates: readonly MessageTemplate[] = [
  winBackEmail,
  winBackSms,
  outageEmail,
  outageSms,
  promotionEmail,
  promotionSms,
  outageOrderEmail,
  outageOrderSms,
];

/** A built-in template by id, or undefined. */
export function builtInTemplate(id: string): MessageTemplate | undefined {
  return builtInTemplates.find((template) => template.id === id);
}
