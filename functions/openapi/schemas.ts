import { z } from 'zod';
import { Customer } from '../../shared/core/customer';
import { customerInputSchema, customerPatchSchema } from '../../shared/core/customer';
import { ExportJob } from '../../shared/core/export-job';
import { lookupQuerySchema } from '../../shared/core/find-customer';
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
export const RecordOrderResultSchema: z.ZodType<RecordOrderResult> = z.object({
  order: Order,
  outcome: z.enum(['created', 'updated', 'unchanged']).meta({
    description: '`unchanged` when the same order was sent again: nothing was written.',
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
