import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConcurrentWriteError } from '../../core/errors';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Why one item of a cancelled transaction failed its condition, with the item as it was. */
export interface FailedCondition {
  readonly index: number;
  readonly existing: Record<string, unknown> | undefined;
}

/**
 * Runs a transaction and translates its cancellation at the seam: a failed condition goes to
 * `onConditionFailed`, which names the domain error; a conflict with another transaction in
 * flight is retried with jittered backoff (the SDK does not retry cancellations), and if it
 * persists becomes a ConcurrentWriteError for the caller's optimistic loop.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: TransactItems,
  onConditionFailed: (failures: FailedCondition[]) => Error,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons: CancellationReason[] = error.CancellationReasons ?? [];
      const failures = reasons.flatMap((reason, index) =>
        reason.Code === 'ConditionalCheckFailed'
          ? [{ index, existing: reason.Item === undefined ? undefined : unmarshall(reason.Item) }]
          : [],
      );
      if (failures.length > 0) throw onConditionFailed(failures);
      if (attempt >= 5) throw new ConcurrentWriteError('A transaction', { cause: error });
      await sleep(2 ** attempt * 10 * (0.5 + Math.random()));
    }
  }
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
