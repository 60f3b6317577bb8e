import type { OperationDoc } from './operations';

/** The OpenAPI operations of the results and template routes, by route name. */
export const resultOperations: Readonly<Record<string, OperationDoc>> = {};
