import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/core/errors';
import {
  MessagePreview,
  previewMessage,
  type MessagePreviewRequest,
} from '../../../shared/core/messaging/preview-message';
import type { ShopSettings } from '../../../shared/core/settings';
import { builtInTemplate } from '../../../shared/core/templates/built-in-templates';
import { vietnameseShop } from '../../helpers/builders';

const settings: ShopSettings = {
  ...vietnameseShop,
  name: 'Xà phòng Thảo Mộc',
  smsPricePerSegment: { amount: 800, currency: 'VND' },
};
const sampleOptOutUrl = `https://abcdefghij.execute-api.ap-southeast-1.amazonaws.com/u/${'x'.repeat(51)}`;
const offer: MessagePreviewRequest = {
  templateId: 'promotion-sms',
  variables: { offer: 'giảm 20% toàn bộ xà phòng thảo mộc', voucherCode: 'THAOMOC20' },
};

const preview = (request: MessagePreviewRequest, shop: ShopSettings = settings) =>
  MessagePreview.parse(
    previewMessage({
      settings: shop,
      template: builtInTemplate(request.templateId),
      request,
      sampleOptOutUrl,
    }),
  );

describe('previewMessage', () => {
  it('shows an SMS as written and without diacritics, each with its segments and cost', () => {
    const sms = preview(offer);
    if (sms.channel !== 'sms') throw new Error('expected an SMS');

    const { asWritten, withoutDiacritics } = sms.costs;
    expect(asWritten).toMatchObject({ encoding: 'UCS-2' });
    expect(withoutDiacritics).toMatchObject({ encoding: 'GSM-7' });
    expect(withoutDiacritics.text).toContain('Xa phong Thao Moc');
    expect(withoutDiacritics.segments).toBeLessThan(asWritten.segments);
    expect(asWritten.cost).toEqual({ amount: 800 * asWritten.segments, currency: 'VND' });
    expect(sms.text).toBe(asWritten.text);
    expect(sms.text).toMatch(/^\[QC\] /);
    expect(sms.text).toContain(sampleOptOutUrl);
  });

  it('sends the text the shop chose', () => {
    const sms = preview(offer, { ...settings, smsText: 'without_diacritics' });
    if (sms.channel !== 'sms') throw new Error('expected an SMS');
    expect(sms).toMatchObject({
      sentAs: 'without_diacritics',
      text: sms.costs.withoutDiacritics.text,
    });
  });

  it('renders an email with its labelled subject, in the language asked for', () => {
    const email = preview({ templateId: 'win-back-email', locale: 'en' });
    expect(email).toMatchObject({ channel: 'email', locale: 'en' });
    if (email.channel !== 'email') throw new Error('expected an email');
    expect(email.subject).toMatch(/^\[QC\] /);
    expect(email.html).toContain(sampleOptOutUrl);
  });

  it('names each missing variable and an unknown template as fields', () => {
    expect(() => preview({ templateId: 'promotion-sms' })).toThrow(
      expect.objectContaining({
        constructor: InvalidInputError,
        issues: [expect.objectContaining({ field: 'variables.offer' })],
      }),
    );
    expect(() => preview({ templateId: 'no-such-template' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ field: 'templateId' })] }),
    );
  });
});
