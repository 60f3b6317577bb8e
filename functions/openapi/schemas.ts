import { z } from 'zod';
import { Customer, CustomerRecord } from '../../shared/core/customer';
import { customerInputSchema, customerPatchSchema } from '../../shared/core/customer';
import { ExportJob } from '../../shared/core/export-job';
import { lookupQuerySchema } from '../../shared/core/find-customer';
import { LapseAssessment } from '../../shared/core/lapse/lapse-assessment';
import type { LapseView } from '../../shared/core/lapse-view';
import { Order } from '../../shared/core/order';
import type { PhoneRegion } from '../../shared/core/phone';
import type { CustomerPage } from '../../shared/core/ports';
import type { RecordOrderResult } from '../../shared/core/record-order';
import type { ProblemDetails as Problem } from '../../shared/adapters/http/problem';

/**
 * Some request schemas depend on the shop's default phone region; the document shows them for a
 * Vietnamese shop. The schemas are the handlers' own, built once for that region.
 */
export const DOCUMENTED_PHONE_REGION: PhoneRegion = 'VN';

export const PHONE_NOTE =
  "Phone numbers are read in the shop's default phone region (`defaultPhoneRegion` in the " +
  'settings; this document shows VN), so "0912 345 678", "+84 912 345 678" and "84912345678" ' +
  'are the same number. They are returned as E.164, e.g. "+84912345678".';

export const CustomerInput = customerInputSchema(DOCUMENTED_PHONE_REGION);
export const CustomerPatch = customerPatchSchema(DOCUMENTED_PHONE_REGION);
export const ContactLookupQuery = lookupQuerySchema(DOCUMENTED_PHONE_REGION);

// What the handlers answer with has a TypeScript type in the core but no zod schema, since the
// core never parses its own output. These describe it; the annotations make tsc fail when the
// core's type gains a field the description lacks.

/** One page of the customer list (`GET /customers`). */
export const CustomerPageSchema: z.ZodType<CustomerPage> = z.object({
  customers: z.array(Customer),
  nextCursor: z.string().optional().meta({
    description: 'Opaque; pass it as `cursor` for the next page. Absent on the last page.',
  }),
});

/** What `PUT …/orders/{source}/{orderId}` answers. */
export const RecordOrderResultSchema: z.ZodType<Omit<RecordOrderResult, 'customer'>> = z.object({
  order: Order,
  outcome: z.enum(['created', 'updated', 'unchanged']).meta({
    description: '`unchanged` when the same order was sent again: nothing was written.',
  }),
});

const assessed = LapseAssessment.shape;

/** A customer's lapse as of the shop's today, as `GET /customers/{customerId}` shows it. */
export const LapseViewSchema: z.ZodType<LapseView> = LapseAssessment.extend({
  policy: assessed.policy.meta({ description: "The shop's `lapsePolicy` kind now." }),
  basis: assessed.basis.meta({
    description:
      'The rule that decided. It differs from `policy` when the policy could not apply: a model ' +
      "policy before its model is fitted uses the customer's own cadence (`own_cadence`, or " +
      "`shop_cadence` with the shop's typical gap for a one-time buyer); own cadence with no gap " +
      'to go by uses the 60-day `fixed_window`.',
  }),
  asOf: assessed.asOf.meta({
    description: "Today in the shop's time zone: what the figures are as of.",
  }),
  dueDay: assessed.dueDay.meta({
    description: 'The first day the customer counts as lapsed; null: never, under this policy.',
  }),
  due: assessed.due.meta({ description: '`dueDay` is on or before `asOf`.' }),
  score: assessed.score.meta({
    description:
      "How lapsed, for ranking customers: 1 is the rule's threshold (for a model, before the " +
      '`minDays`/`maxDays` limits); higher is less likely to order again.',
  }),
  usualGapDays: assessed.usualGapDays.meta({
    description:
      "The usual gap between orders, in days: the median of the customer's own gaps (`own`), or " +
      "the shop's typical gap for a one-time buyer (`shop`); null when neither is known.",
  }),
  windowDays: assessed.windowDays.meta({
    description:
      'Fixed window and cadence: the days without an order after which the customer is due; ' +
      'null for a model.',
  }),
  pAlive: assessed.pAlive.meta({
    description: 'Models only: the chance the customer is still a customer at all.',
  }),
  pPurchase: assessed.pPurchase.meta({
    description: 'Models only: the chance of at least one order in the next `horizonDays`.',
  }),
  expectedPurchases: assessed.expectedPurchases.meta({
    description: 'Models only: the expected number of orders in the next `horizonDays`.',
  }),
  explanation: z
    .object({ vi: z.string(), en: z.string() })
    .meta({ description: 'The same in one sentence, in Vietnamese and in English.' }),
});

/** What `GET /customers/{customerId}` answers: the whole record, and the lapse as of today. */
export const CustomerViewSchema: z.ZodType<CustomerRecord & { lapse: LapseView | null }> =
  CustomerRecord.extend({
    lapse: LapseViewSchema.nullable().meta({
      description: 'Null for a customer who has never bought.',
    }),
  });

/** What `GET /export` answers: where to download the file, for a short while. */
/** An export job as the owner follows it; `download` appears once it is done. */
export const ExportStatusSchema = ExportJob.extend({
  download: z
    .object({
      url: z.url().meta({ description: 'A short-lived download link; ask again for a fresh one.' }),
      expiresAt: z.iso.datetime(),
    })
    .optional(),
});

const FieldIssue = z.object({
  field: z.string().meta({ description: 'Dotted path of the field, e.g. `total.currency`.' }),
  message: z.string(),
});

/**
 * An RFC 9457 problem, as every error leaves the API. Extension members appear where they help:
 * `errors` on invalid input, `existingCustomerId` on a conflict, `currentVersion` on a stale edit.
 */
export const ProblemDetailsSchema: z.ZodType<Problem> = z.looseObject({
  type: z
    .string()
    .meta({ description: 'Names the kind of problem, e.g. `/problems/invalid-input`.' }),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string(),
  instance: z
    .string()
    .optional()
    .meta({ description: 'This occurrence: `urn:regulars:request:` and the request id.' }),
  errors: z.array(FieldIssue).optional().meta({ description: 'One entry per invalid field.' }),
  field: z.enum(['phone', 'email']).optional(),
  existingCustomerId: z.string().optional(),
  erasedAt: z.string().optional(),
  currentVersion: z.number().int().optional(),
});

/** API Gateway's own answer when its JWT authorizer refuses a request before any function runs. */
export const GatewayUnauthorizedSchema = z.object({ message: z.literal('Unauthorized') });

/** The response header carrying a customer's version. */
export const ETagHeader = z.string().meta({
  description: "The customer's version; send it back in If-Match to refuse a stale edit.",
  example: '"3"',
});
