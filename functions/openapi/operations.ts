import { z } from 'zod';
import type { ZodObjectInput, ZodOpenApiResponseObject } from 'zod-openapi';
import { ConsentEvent, ConsentEventInput } from '../../shared/core/consent';
import { Customer, CustomerListQuery, CustomerPath } from '../../shared/core/customer';
import { ExportPath, ExportRequest } from '../../shared/core/export-job';
import {
  MessageList,
  MessageListQuery,
  MessagePath,
  MessageView,
} from '../../shared/core/messaging/message-view';
import { MessagePreview, MessagePreviewRequest } from '../../shared/core/messaging/preview-message';
import { TestMessageRequest } from '../../shared/core/messaging/test-message';
import { OrderInput, OrderPath } from '../../shared/core/order';
import { ShopSettings, ShopSettingsPatch } from '../../shared/core/settings';
import { OneClickForm, UnsubscribeLinkPath } from '../runtime/unsubscribe-request';
import { IfMatch } from '../runtime/versioning';
import * as examples from './examples';
import { campaignOperations } from './operations-campaigns';
import { resultOperations } from './operations-results';
import { workflowOperations } from './operations-workflows';
import { messageNotFound, type ProblemStatus } from './problems';
import {
  ContactLookupQuery,
  CustomerInput,
  CustomerPageSchema,
  CustomerPatch,
  CustomerViewSchema,
  ETagHeader,
  ExportStatusSchema,
  PHONE_NOTE,
  RecordOrderResultSchema,
} from './schemas';

export interface SuccessDoc {
  readonly description: string;
  /** Absent when there is no body (204). */
  readonly schema?: z.ZodType;
  /** The media type of `schema`; `application/json` when absent. */
  readonly contentType?: 'application/json' | 'text/html' | 'text/plain';
  readonly headers?: ZodObjectInput;
}

/**
 * What one route reads and answers, from its handler. 400 (when it reads any input), 401 (owner
 * routes), 413 and 415 (when it reads a body) and 500 are added by the document itself; `problems`
 * lists the errors particular to the operation.
 */
export interface OperationDoc {
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly path?: ZodObjectInput;
  readonly query?: ZodObjectInput;
  readonly headers?: ZodObjectInput;
  /** The body the handler parses (JSON unless `contentType` says otherwise), with an example. */
  readonly body?: {
    readonly schema: z.ZodType;
    readonly example: unknown;
    readonly contentType?: 'application/json' | 'application/x-www-form-urlencoded';
  };
  readonly success: Partial<Record<200 | 201 | 202 | 204, SuccessDoc>>;
  readonly problems?: readonly Extract<ProblemStatus, 404 | 409 | 410 | 412>[];
  /** The 404 this operation answers, when it is not about a customer. */
  readonly notFound?: ZodOpenApiResponseObject;
}

const ifMatch = z.object({
  'If-Match': IfMatch.optional().meta({
    description: 'The ETag you read; the change is refused (412) if the customer changed since.',
    example: '"3"',
  }),
});

const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

/** Every route of `functions/routes.ts`, by name; building the document fails on a missing one. */
export const operations: Readonly<Record<string, OperationDoc>> = {
  ...workflowOperations,
  ...campaignOperations,
  ...resultOperations,
  getSettings: {
    tag: 'Settings',
    summary: "Read the shop's settings",
    success: {
      200: {
        description: 'The settings, or the defaults until the owner saves some.',
        schema: ShopSettings,
      },
    },
  },
  updateSettings: {
    tag: 'Settings',
    summary: "Change the shop's settings",
    description:
      "A new `lapsePolicy` shows at once in a customer's `lapse` (`GET /customers/{customerId}`); " +
      'the due day kept on their profile follows at their next order or the weekly refit.',
    body: { schema: ShopSettingsPatch, example: examples.settingsPatch },
    success: { 200: { description: 'The settings after the change.', schema: ShopSettings } },
    problems: [409],
  },
  createCustomer: {
    tag: 'Customers',
    summary: 'Add a customer',
    description: `A phone or an email is required, and each may belong to one customer only (409 names the holder). ${PHONE_NOTE}`,
    body: { schema: CustomerInput, example: examples.customerInput },
    success: {
      201: {
        description: 'The new customer.',
        schema: Customer,
        headers: z.object({
          Location: z.string().meta({ example: '/customers/01JD3K8ZQ4X5N6P7R8S9T0VWXY' }),
          ETag: ETagHeader,
        }),
      },
    },
    problems: [409],
  },
  listCustomers: {
    tag: 'Customers',
    summary: 'List customers, newest first',
    query: CustomerListQuery,
    success: { 200: { description: 'One page of customers.', schema: CustomerPageSchema } },
  },
  findCustomer: {
    tag: 'Customers',
    summary: 'Find a customer by phone or email',
    description: `Give exactly one of \`phone\` or \`email\`, in any spelling. ${PHONE_NOTE}`,
    query: ContactLookupQuery,
    success: {
      200: { description: 'The customer holding that phone or email.', schema: Customer },
    },
    problems: [404],
  },
  getCustomer: {
    tag: 'Customers',
    summary: "Read a customer's whole record",
    description:
      "Profile, orders and consent history: the answer to a personal data access request. With `lapse`: whether the customer is due for a win-back message as of today in the shop's time zone, the figures behind it, and one sentence saying why.",
    path: CustomerPath,
    success: {
      200: {
        description: 'The whole record, and the lapse as of today.',
        schema: CustomerViewSchema,
        headers: z.object({ ETag: ETagHeader }),
      },
    },
    problems: [404, 410],
  },
  updateCustomer: {
    tag: 'Customers',
    summary: 'Change a customer',
    description: `A changed phone or email starts without consent: consent was given for the old address. ${PHONE_NOTE}`,
    path: CustomerPath,
    headers: ifMatch,
    body: { schema: CustomerPatch, example: examples.customerPatch },
    success: {
      200: {
        description: 'The customer after the change.',
        schema: Customer,
        headers: z.object({ ETag: ETagHeader }),
      },
    },
    problems: [404, 409, 410, 412],
  },
  eraseCustomer: {
    tag: 'Customers',
    summary: 'Erase a customer',
    description:
      'The right to erasure. Repeatable: erasing an erased customer completes and answers 204 again.',
    path: CustomerPath,
    success: {
      204: {
        description: 'Erased; only the fact that their addresses must not be messaged remains.',
      },
    },
    problems: [404, 409],
  },
  recordOrder: {
    tag: 'Orders',
    summary: 'Record an order or a change of its status',
    description:
      "Idempotent: the same order sent again changes nothing. `total` must be in the shop's currency.",
    path: OrderPath,
    body: { schema: OrderInput, example: examples.orderInput },
    success: {
      201: { description: 'The order was new.', schema: RecordOrderResultSchema },
      200: {
        description: 'The order was known: `updated`, or `unchanged` when nothing differed.',
        schema: RecordOrderResultSchema,
      },
    },
    problems: [404, 409, 410],
  },
  recordConsent: {
    tag: 'Consent',
    summary: 'Record a consent grant or withdrawal',
    description:
      'For the address the customer has on that channel; a withdrawal takes effect at once.',
    path: CustomerPath,
    body: { schema: ConsentEventInput, example: examples.consentInput },
    success: { 201: { description: 'The recorded event.', schema: ConsentEvent } },
    problems: [404, 409, 410],
  },
  requestExport: {
    tag: 'Export',
    summary: 'Export the customer file',
    description:
      'Queues an export of every customer. CSV holds one table per file (customers, orders or consents, with a byte-order mark for Excel); JSON holds everything in one document. Follow the Location until the status is `done`.',
    body: { schema: ExportRequest, example: examples.exportRequest },
    success: {
      202: {
        description: 'Queued; follow the Location header.',
        schema: ExportStatusSchema,
        headers: z.object({
          Location: z.string().meta({ description: 'Where to follow the export.' }),
        }),
      },
    },
  },
  getExport: {
    tag: 'Export',
    summary: 'Follow an export',
    path: ExportPath,
    success: {
      200: {
        description: 'Its progress; once done, a download link valid for fifteen minutes.',
        schema: ExportStatusSchema,
      },
    },
    problems: [404],
  },
  showUnsubscribeLink: {
    tag: 'Unsubscribe',
    summary: 'The page behind an unsubscribe link',
    description:
      "The link in every marketing email (`List-Unsubscribe`) and SMS. Shows, in the customer's language, what the link unsubscribes from and a button that POSTs to the same URL; opening the page withdraws nothing (RFC 8058: mail scanners follow links). Every invalid, altered or expired link answers the same 404.",
    path: UnsubscribeLinkPath,
    success: {
      200: {
        description: 'A self-contained HTML page under a strict Content-Security-Policy.',
        contentType: 'text/html',
        schema: z.string(),
      },
    },
    problems: [404],
  },
  unsubscribe: {
    tag: 'Unsubscribe',
    summary: 'One-click unsubscribe (RFC 8058)',
    description:
      "Withdraws marketing consent on the link's channel at once, recorded with source `unsubscribe_link`, the caller's IP and user agent. Repeats succeed and record nothing new. The answer is the same whether or not the person is still a customer. A mail client gets a line of text; the confirmation page's button (`via=page`) gets an HTML page.",
    path: UnsubscribeLinkPath,
    body: {
      schema: OneClickForm,
      example: { 'List-Unsubscribe': 'One-Click' },
      contentType: 'application/x-www-form-urlencoded',
    },
    success: {
      200: {
        description: 'Unsubscribed: `text/plain` for a mail client, `text/html` for the page.',
        contentType: 'text/plain',
        schema: z.string(),
      },
    },
    problems: [404],
  },
  sendTestMessage: {
    tag: 'Messages',
    summary: 'Send a test message to a customer',
    description:
      "Queues one message from a built-in template (the channel's win-back template by default) through the real send path: consent, quiet hours in the customer's time zone (a message at night waits for the morning) and the frequency cap all apply. Follow `status` until the message is recorded.",
    path: CustomerPath,
    body: { schema: TestMessageRequest, example: { channel: 'email' } },
    success: {
      202: {
        description:
          'Queued; `status` (also the Location) is the message, with its key percent-encoded.',
        schema: z.object({
          messageKey: z.string().meta({
            example:
              'test-message#run%3A01KAZ9C7MZ1X6W3ZC9F2DY5Q7R#test#01JD3K8ZQ4X5N6P7R8S9T0VWXY#email',
          }),
          status: z.string().meta({
            example:
              '/messages/test-message%23run%253A01KAZ9C7MZ1X6W3ZC9F2DY5Q7R%23test%2301JD3K8ZQ4X5N6P7R8S9T0VWXY%23email',
          }),
        }),
        headers: z.object({
          Location: z.string().meta({ description: 'Where to follow the message.' }),
        }),
      },
    },
    problems: [404, 410],
  },
  previewMessage: {
    tag: 'Messages',
    summary: 'Preview a message and what an SMS costs',
    description:
      "Renders a built-in template as a customer would get it: the `[QC]` label, the opt-out link (a stand-in as long as a real one) and the shop's name. For SMS it shows the text as written and without diacritics (Vietnamese diacritics need UCS-2: 70 characters, 67 per part; without them GSM-7: 160, 153 per part), each with its segments and cost per recipient from `smsPricePerSegment`, and which one the shop's `smsText` setting sends. Sends nothing.",
    body: {
      schema: MessagePreviewRequest,
      example: {
        templateId: 'promotion-sms',
        variables: { offer: 'giảm 20% toàn bộ xà phòng thảo mộc', voucherCode: 'THAOMOC20' },
      },
    },
    success: { 200: { description: 'The rendered message.', schema: MessagePreview } },
  },
  getMessage: {
    tag: 'Messages',
    summary: 'Where a message stands',
    description:
      'The ledger record of one message: `sent` (with the provider id), `skipped` (with the reason), `failed` or `unknown` (with why), or `claimed` while it is being sent. The key must be percent-encoded as one path segment. 404 until the message is handled (a queued or deferred message has no record yet).',
    path: MessagePath,
    success: { 200: { description: 'The message as recorded.', schema: MessageView } },
    problems: [404],
    notFound: messageNotFound,
  },
  listMessages: {
    tag: 'Messages',
    summary: 'Messages whose outcome is unknown',
    description:
      'The messages handed to SES or SNS without a clear answer (a timeout, a lost connection, a server error), newest first. Each may or may not have been delivered and is not sent again: check with the provider before resending. `more` is true when older ones were left out.',
    query: MessageListQuery,
    success: { 200: { description: 'The newest `limit` of them.', schema: MessageList } },
  },
  openApiDocument: {
    tag: 'Meta',
    summary: 'This OpenAPI document',
    success: {
      200: { description: 'The OpenAPI 3.1 document of this API.', schema: OpenApiDocumentSchema },
    },
  },
};
