import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

interface ConsumedCapacity {
  readonly CapacityUnits?: number;
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
}

export interface MeterReading {
  readonly requests: number;
  readonly byCommand: Readonly<Record<string, number>>;
  readonly readUnits: number;
  readonly writeUnits: number;
}

/**
 * Counts every DynamoDB request a client sends and the capacity DynamoDB reports for it: an SDK
 * middleware asks each request for `ReturnConsumedCapacity: TOTAL` and adds up the answers, so
 * the figures are measured, not estimated.
 */
export class DynamoDbMeter {
  private requests = 0;
  private byCommand: Record<string, number> = {};
  private readUnits = 0;
  private writeUnits = 0;

  attach(client: DynamoDBClient): this {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity ??= 'TOTAL';
        this.requests += 1;
        this.byCommand[context.commandName ?? 'unknown'] =
          (this.byCommand[context.commandName ?? 'unknown'] ?? 0) + 1;
        const result = await next(args);
        this.addCapacity(
          context.commandName ?? '',
          (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity,
        );
        return result;
      },
      { step: 'initialize', name: 'regularsDynamoDbMeter' },
    );
    return this;
  }

  reset(): void {
    this.requests = 0;
    this.byCommand = {};
    this.readUnits = 0;
    this.writeUnits = 0;
  }

  read(): MeterReading {
    return {
      requests: this.requests,
      byCommand: { ...this.byCommand },
      readUnits: this.readUnits,
      writeUnits: this.writeUnits,
    };
  }

  private addCapacity(commandName: string, consumed: unknown): void {
    const entries = (
      Array.isArray(consumed) ? consumed : consumed === undefined ? [] : [consumed]
    ) as ConsumedCapacity[];
    const writes = /Put|Update|Delete|Write/.test(commandName);
    for (const entry of entries) {
      const read = entry.ReadCapacityUnits ?? (writes ? 0 : (entry.CapacityUnits ?? 0));
      const write = entry.WriteCapacityUnits ?? (writes ? (entry.CapacityUnits ?? 0) : 0);
      this.readUnits += read;
      this.writeUnits += write;
    }
  }
}
