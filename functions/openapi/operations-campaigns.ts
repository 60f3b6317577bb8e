import type { OperationDoc } from './operations';

/** The OpenAPI operations of the broadcast and promotion routes, by route name. */
export const campaignOperations: Readonly<Record<string, OperationDoc>> = {};
