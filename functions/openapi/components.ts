import { z } from 'zod';
import type { ZodOpenApiOverride } from 'zod-openapi';
import { PurchaseAggregates } from '../../shared/core/aggregates';
import { ConsentEvent, ConsentEventInput, CustomerConsent } from '../../shared/core/consent';
import { Customer } from '../../shared/core/customer';
import { CustomerLapse } from '../../shared/core/customer-lapse';
import {
  BgNbdPolicy,
  FixedWindowPolicy,
  LapsePolicy,
  MbgNbdPolicy,
  OwnCadencePolicy,
} from '../../shared/core/lapse/lapse-policy';
import { MessageView } from '../../shared/core/messaging/message-view';
import { Money } from '../../shared/core/money';
import { Order, OrderInput } from '../../shared/core/order';
import { PhoneRegion } from '../../shared/core/phone';
import { ShopSettings, ShopSettingsPatch } from '../../shared/core/settings';
import * as examples from './examples';
import {
  CustomerInput,
  CustomerPageSchema,
  CustomerPatch,
  CustomerViewSchema,
  ExportStatusSchema,
  LapseViewSchema,
  PHONE_NOTE,
  ProblemDetailsSchema,
  RecordOrderResultSchema,
} from './schemas';

type Meta = z.GlobalMeta;

// Refinements are code, which JSON Schema cannot carry; those a client can check are spelt out.
// (That a lapse policy's maxDays is at least its minDays cannot be: its description says so.)
const phoneOrEmail = { anyOf: [{ required: ['phone'] }, { required: ['email'] }] };
const grantNeedsTerms = {
  if: { properties: { action: { const: 'granted' } }, required: ['action'] },
  then: { required: ['termsVersion'] },
};
const probabilityBelowOne = {
  if: { properties: { criterion: { enum: ['p_alive', 'p_purchase'] } }, required: ['criterion'] },
  then: { properties: { threshold: { exclusiveMaximum: 1 } } },
};

const LAPSE_POLICY_KINDS = [
  '- `fixed_window`: due `days` days after the last order.',
  "- `own_cadence`: due after `factor` × the customer's usual gap between orders (the median of " +
    "their gaps; for a one-time buyer, the shop's typical gap), kept between `minDays` and " +
    '`maxDays` days after the last order.',
  "- `bg_nbd` / `mbg_nbd`: due on the first day the shop's fitted BG/NBD or MBG/NBD model puts " +
    "the customer's chance of an order in the next `horizonDays` below `threshold` (`criterion` " +
    '`p_purchase`; `p_alive` watches the chance they are still a customer at all instead, ' +
    '`expected_purchases` the expected number of orders in `horizonDays`), kept between ' +
    '`minDays` and `maxDays` days after the last order (`maxDays` null: no limit). The models ' +
    "are refitted weekly on the shop's customers; until one is fitted, the customer's own " +
    'cadence (3 × their usual gap) decides.',
];
const LAPSE_POLICY_NOTE = [
  'When a customer counts as lapsed, due for a win-back message; `kind` picks the rule:',
  LAPSE_POLICY_KINDS.join('\n'),
  'The default is `mbg_nbd`: due when the chance of an order in the next 60 days falls below 10%, ' +
    'between 14 and 365 days after the last order. `maxDays` must be at least `minDays`, and a ' +
    'probability threshold (`p_alive`, `p_purchase`) must be below 1.',
].join('\n\n');

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
  [
    CustomerViewSchema,
    documented(
      'CustomerView',
      "A person's whole record, with their lapse as of the shop's today.",
      examples.customerView,
    ),
  ],
  [
    CustomerLapse,
    documented(
      'CustomerLapse',
      'When the customer becomes due for win-back, as kept on the profile: `dueDay` (null: never, ' +
        "under this policy), the shop's `policy` kind it was worked out with, and the `basis` " +
        'that decided (see `LapseView`). It is worked out again with every order and at the ' +
        'weekly refit, so after a policy change it follows at the next of these. Null until the ' +
        'customer has bought.',
      examples.customer.lapse,
    ),
  ],
  [
    LapseViewSchema,
    documented(
      'LapseView',
      "The customer's lapse worked out now, with the shop's current policy and model, and said " +
        'in one sentence for the owner.',
      examples.customerLapseView,
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
  [LapsePolicy, documented('LapsePolicy', LAPSE_POLICY_NOTE, examples.lapsePolicy)],
  [
    FixedWindowPolicy,
    documented('FixedWindowLapsePolicy', 'Due `days` days after the last order.'),
  ],
  [
    OwnCadencePolicy,
    documented(
      'OwnCadenceLapsePolicy',
      "Due after `factor` × the customer's usual gap, within `minDays`–`maxDays` days.",
    ),
  ],
  [
    BgNbdPolicy,
    {
      ...documented(
        'BgNbdLapsePolicy',
        'BG/NBD (Fader, Hardie & Lee 2005). It holds every one-time buyer still a customer, so ' +
          'with `p_alive` only `maxDays` makes them due.',
      ),
      override: probabilityBelowOne,
    },
  ],
  [
    MbgNbdPolicy,
    {
      ...documented(
        'MbgNbdLapsePolicy',
        'MBG/NBD (Batislam, Denizel & Filiztekin 2007): like BG/NBD, but a customer may also ' +
          'leave right after their first order, which suits a list where most bought once.',
      ),
      override: probabilityBelowOne,
    },
  ],
  [ShopSettings, documented('ShopSettings', undefined, examples.shopSettings)],
  [ShopSettingsPatch, documented('ShopSettingsPatch', 'Only the fields to change.')],
  [ExportStatusSchema, documented('ExportStatus', undefined, examples.exportDone)],
  [ProblemDetailsSchema, documented('ProblemDetails')],
  [
    MessageView,
    documented('MessageView', 'What the owner sees of one message: where it stands and why.'),
  ],
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
