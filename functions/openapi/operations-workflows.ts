import type { OperationDoc } from './operations';

/** The OpenAPI operations of the win-back workflow routes, by route name. */
export const workflowOperations: Readonly<Record<string, OperationDoc>> = {};
