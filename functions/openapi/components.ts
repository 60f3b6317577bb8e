import { z } from 'zod';
import type { ZodOpenApiOverride } from 'zod-openapi';
import { PurchaseAggregates } from '../../shared/core/aggregates';
import { ConsentEvent, ConsentEventInput, CustomerConsent } from '../../shared/core/consent';
import { Customer, CustomerRecord } from '../../shared/core/customer';
import { Money } from '../../shared/core/money';
import { Order, OrderInput } from '../../shared/core/order';
import { PhoneRegion } from '../../shared/core/phone';
import { ShopSettings, ShopSettingsPatch } from '../../shared/core/settings';
import * as examples from './examples';
import {
  CustomerInput,
  CustomerPageSchema,
  CustomerPatch,
  ExportStatusSchema,
  PHONE_NOTE,
  ProblemDetailsSchema,
  RecordOrderResultSchema,
} from './schemas';

type Meta = z.GlobalMeta;

// Refinements are code, which JSON Schema cannot carry; the two a client can check are spelt out.
const phoneOrEmail = { anyOf: [{ required: ['phone'] }, { required: ['email'] }] };
const grantNeedsTerms = {
  if: { properties: { action: { const: 'granted' } }, required: ['action'] },
  then: { required: ['termsVersion'] },
};

const documented = (id: string, description?: string, example?: unknown): Meta => ({
  id,
  ...(description !== undefined && { description }),
  ...(example !== undefined && { examples: [example] }),
});

/**
 * Documentation of the schemas that become `components.schemas`. It is attached to the core's own
 * schema objects rather than through `.meta()`, which returns a copy: a copy would not be the
 * object nested in `CustomerRecord` or `Order`, so those would repeat it inline instead of
 * referring to it; and the core stays free of documentation. Request examples sit on the request
 * bodies instead: zod drops the examples of schemas that transform, as it cannot tell whether
 * they show the input or the output.
 */
const components: readonly (readonly [z.ZodType, Meta])[] = [
  [
    Money,
    documented('Money', "An amount in the currency's minor unit (VND has none).", examples.price),
  ],
  [Customer, documented('Customer', `A customer's profile. ${PHONE_NOTE}`, examples.customer)],
  [
    CustomerRecord,
    documented(
      'CustomerRecord',
      "A person's whole record: profile, orders and consent history.",
      examples.customerRecord,
    ),
  ],
  [
    CustomerPageSchema,
    documented('CustomerPage', 'One page of customers, newest first.', examples.customerPage),
  ],
  [
    CustomerInput,
    {
      ...documented(
        'CustomerInput',
        `A new customer: a phone or an email is required. ${PHONE_NOTE}`,
      ),
      override: phoneOrEmail,
    },
  ],
  [
    CustomerPatch,
    documented('CustomerPatch', `A change to a customer; \`null\` clears a field. ${PHONE_NOTE}`),
  ],
  [
    PurchaseAggregates,
    documented(
      'PurchaseAggregates',
      'Derived from counted orders: cancelled and returned ones do not count.',
    ),
  ],
  [
    CustomerConsent,
    documented(
      'CustomerConsent',
      'Current consent per channel and purpose; an absent purpose was never asked.',
    ),
  ],
  [Order, documented('Order', 'A platform order as recorded.', examples.order)],
  [
    OrderInput,
    documented(
      'OrderInput',
      'An order or a change of its status; `placedAt` needs a time zone offset.',
    ),
  ],
  [RecordOrderResultSchema, documented('RecordOrderResult', undefined, examples.recordOrderResult)],
  [
    ConsentEvent,
    documented('ConsentEvent', 'One grant or withdrawal, kept as proof.', examples.consentEvent),
  ],
  [
    ConsentEventInput,
    {
      ...documented(
        'ConsentEventInput',
        'A grant needs `termsVersion`, so it can be proven later.',
      ),
      override: grantNeedsTerms,
    },
  ],
  [ShopSettings, documented('ShopSettings', undefined, examples.shopSettings)],
  [ShopSettingsPatch, documented('ShopSettingsPatch', 'Only the fields to change.')],
  [ExportStatusSchema, documented('ExportStatus', undefined, examples.exportDone)],
  [ProblemDetailsSchema, documented('ProblemDetails')],
  // The region code is checked, then only retyped: what leaves is what came in, which zod-openapi
  // cannot see through the transform, so it is told.
  [
    PhoneRegion,
    {
      description: 'ISO 3166-1 region code such as VN.',
      override: { type: 'string', pattern: '^[A-Z]{2}$' },
    },
  ],
];

/** Attaches the ids, descriptions and examples above; repeating it changes nothing. */
export function registerComponentSchemas(): void {
  for (const [schema, meta] of components) z.globalRegistry.add(schema, meta);
}

/**
 * Text is normalised (NFC, trimmed, lower-cased for emails) before its limits are checked, so zod
 * renders a request field only as "a string". The limits of the normalised text are what a client
 * should keep to, so they are copied onto the field.
 */
export const documentNormalizedText: ZodOpenApiOverride = ({ jsonSchema, zodSchema, io }) => {
  const def = zodSchema._zod.def;
  if (io !== 'input' || def.type !== 'pipe' || def.out._zod.def.type !== 'string') return;
  const { minLength, maxLength, format } = z.toJSONSchema(def.out);
  if (minLength !== undefined) jsonSchema.minLength ??= minLength;
  if (maxLength !== undefined) jsonSchema.maxLength ??= maxLength;
  if (format !== undefined) jsonSchema.format ??= format;
};
