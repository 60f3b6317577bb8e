import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import { HttpProblem } from '../../shared/adapters/http/http-problem';
import { MAX_BODY_BYTES } from '../../shared/adapters/http/json-body';
import { toProblem } from '../../shared/adapters/http/problem';
import {
  ConcurrentWriteError,
  CustomerErasedError,
  CustomerNotFoundError,
  DuplicateIdentityError,
  InvalidInputError,
  OrderOwnedByAnotherCustomerError,
  VersionMismatchError,
} from '../../shared/core/errors';
import { MessageNotFoundError } from '../../shared/core/messaging/errors';
import { TemplateNotFoundError } from '../../shared/core/templates/errors';
import { CampaignNotFoundError } from '../../workflows/campaigns/errors';
import { WorkflowNotFoundError } from '../../workflows/workflow-commands';
import {
  exampleCampaignId,
  exampleCustomerId,
  exampleMessageKey,
  otherCustomerId,
} from './examples';
import { GatewayUnauthorizedSchema, ProblemDetailsSchema } from './schemas';

export type ProblemStatus = 400 | 401 | 404 | 409 | 410 | 412 | 413 | 415 | 500;

/** Examples made by the one error mapper itself, so they show exactly what a caller receives. */
function example(error: unknown) {
  return {
    value: {
      ...toProblem(error),
      instance: 'urn:regulars:request:c0ffee00-0000-4000-8000-000000000001',
    },
  };
}

function problem(
  id: string,
  description: string,
  examples: Record<string, { value: unknown }>,
  extra: Partial<ZodOpenApiResponseObject> = {},
): ZodOpenApiResponseObject {
  return {
    id,
    description,
    ...extra,
    content: {
      'application/problem+json': { schema: ProblemDetailsSchema, examples },
      ...extra.content,
    },
  };
}

/** One shared response per status, referenced from every operation that can answer with it. */
export const problemResponses: Record<ProblemStatus, ZodOpenApiResponseObject> = {
  400: problem(
    'InvalidRequest',
    'A field, parameter or the JSON itself is invalid; `errors` names each field.',
    {
      invalidField: example(
        InvalidInputError.forField('phone', 'is not a valid phone number for region VN'),
      ),
      malformedJson: example(HttpProblem.malformedJson()),
    },
  ),
  401: problem(
    'Unauthorized',
    "No valid bearer token. In AWS, API Gateway's JWT authorizer answers first, with its own JSON body.",
    { missingToken: example(HttpProblem.unauthorized()) },
    {
      headers: z.object({ 'WWW-Authenticate': z.string().meta({ example: 'Bearer' }) }),
      content: {
        'application/json': {
          schema: GatewayUnauthorizedSchema,
          example: { message: 'Unauthorized' },
        },
      },
    },
  ),
  404: problem('CustomerNotFound', 'No such customer.', {
    notFound: example(new CustomerNotFoundError(exampleCustomerId)),
  }),
  409: problem(
    'Conflict',
    'The change conflicts with what is stored; which conflicts apply depends on the operation.',
    {
      duplicateIdentity: example(new DuplicateIdentityError('phone', otherCustomerId)),
      orderOfAnotherCustomer: example(new OrderOwnedByAnotherCustomerError(otherCustomerId)),
      concurrentWrite: example(new ConcurrentWriteError(`Customer ${exampleCustomerId}`)),
    },
  ),
  410: problem(
    'CustomerErased',
    'The customer was erased at their request; only an anonymous tombstone remains.',
    {
      erased: example(new CustomerErasedError(exampleCustomerId, '2026-11-20T08:00:00.000Z')),
    },
  ),
  412: problem(
    'VersionMismatch',
    'If-Match named a version that is no longer current; read the customer again.',
    {
      stale: example(new VersionMismatchError(3, 4)),
    },
  ),
  413: problem('PayloadTooLarge', `The body is larger than ${MAX_BODY_BYTES} bytes.`, {
    tooLarge: example(HttpProblem.payloadTooLarge(MAX_BODY_BYTES)),
  }),
  415: problem('UnsupportedMediaType', 'The body is not sent as application/json.', {
    notJson: example(HttpProblem.unsupportedMediaType('text/plain')),
  }),
  500: problem('InternalError', 'Something failed on our side; no internals are exposed.', {
    internal: example(new Error('not shown to callers')),
  }),
};

/** GET /messages/{messageKey}'s 404: nothing recorded under the key (yet). */
export const messageNotFound: ZodOpenApiResponseObject = problem(
  'MessageNotFound',
  'No such message: nothing is recorded under this key yet (a queued or deferred message appears once handled).',
  { notFound: example(new MessageNotFoundError(exampleMessageKey)) },
);

/** The workflow routes' 404: the shop has `win-back` only. */
export const workflowNotFound: ZodOpenApiResponseObject = problem(
  'WorkflowNotFound',
  'No such workflow: the shop has `win-back` only.',
  { notFound: example(new WorkflowNotFoundError('re-activation')) },
);

/** A campaign route's 404. */
export const campaignNotFound: ZodOpenApiResponseObject = problem(
  'CampaignNotFound',
  'No such campaign.',
  { notFound: example(new CampaignNotFoundError(exampleCampaignId)) },
);

/** A template route's 404. */
export const templateNotFound: ZodOpenApiResponseObject = problem(
  'TemplateNotFound',
  'No such template.',
  { notFound: example(new TemplateNotFoundError('no-such-template')) },
);
