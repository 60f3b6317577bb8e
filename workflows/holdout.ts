import { createHash } from 'node:crypto';

const TWO_TO_48 = 2 ** 48;

/**
 * Where a customer falls in [0, 1) for a workflow: the first 48 bits of SHA-256 over the workflow
 * and customer ids. Stable across runs and machines, and independent between workflows, so the
 * same customers are not held out of every journey.
 */
export function holdoutPosition(workflowId: string, customerId: string): number {
  const digest = createHash('sha256').update(`${workflowId}\n${customerId}`).digest();
  return digest.readUIntBE(0, 6) / TWO_TO_48;
}

/** Whether the customer belongs to the workflow's holdout group at this share (0 to 0.5). */
export function inHoldout(workflowId: string, customerId: string, share: number): boolean {
  return holdoutPosition(workflowId, customerId) < share;
}
