import { HttpProblem } from '../../shared/adapters/http/http-problem';
import { InvalidInputError } from '../../shared/core/errors';
import { IdempotencyKey, type Campaign } from '../../workflows/campaigns/campaign';
import { CampaignFinishedError, IdempotencyKeyReusedError } from '../../workflows/campaigns/errors';
import { ownerRoute, type RouteRequest } from '../runtime/http-route';
import type { Services } from '../runtime/services';

/** The request's `Idempotency-Key`, required on every request that creates a campaign. */
export function idempotencyKeyOf(request: RouteRequest): string {
  const value = request.header('idempotency-key');
  if (value === undefined)
    throw InvalidInputError.forField(
      'Idempotency-Key',
      'is required: send a new unique value per campaign, and the same value on a retry',
    );
  const parsed = IdempotencyKey.safeParse(value);
  if (!parsed.success)
    throw InvalidInputError.forField('Idempotency-Key', 'must be 1–255 printable ASCII characters');
  return parsed.data;
}

/** The campaign as the API shows it: without the request fingerprint. */
export function campaignView(campaign: Campaign) {
  const { requestHash, ...view } = campaign;
  return view;
}

/** Where a campaign and its progress are read. */
export const campaignLocation = (campaignId: string) => `/campaigns/${campaignId}`;

function problemOf(error: unknown): unknown {
  if (error instanceof IdempotencyKeyReusedError)
    return new HttpProblem({
      type: `/problems/${error.code}`,
      title: 'This Idempotency-Key was used for another request',
      status: 409,
      detail: error.message,
      campaignId: error.campaignId,
    });
  if (error instanceof CampaignFinishedError)
    return new HttpProblem({
      type: `/problems/${error.code}`,
      title: 'The campaign has finished',
      status: 409,
      detail: error.message,
    });
  return error;
}

/** An owner route whose campaign errors leave as problem+json (the rest as ownerRoute maps them). */
export function campaignRoute(
  run: (request: RouteRequest, services: Services) => ReturnType<Parameters<typeof ownerRoute>[0]>,
) {
  return ownerRoute(async (request, services) => {
    try {
      return await run(request, services);
    } catch (error) {
      throw problemOf(error);
    }
  });
}
