import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { JourneyFacts } from '../../../workflows/engine';
import { ZodError } from 'zod';
import type { JourneyFactsReader, OnUnreadable } from '../../../workflows/ports';
import type { Customer } from '../../core/customer';
import { profileItem } from './items';
import { keys } from './keys';
import { batchGetAll } from './paging';

const BATCH = 100;

/**
 * A journey's facts from the customer's profile alone, one BatchGetItem per hundred customers.
 * `unsubscribed` means the person refused everything on some channel (an opt-out or a
 * complaint); a bounce is the address's fault, not a refusal, and the dispatcher skips it anyway.
 */
export function journeyFacts(customer: Customer): JourneyFacts {
  const refusals = Object.values(customer.suppression).filter(
    (suppression) => suppression !== undefined && suppression.reason !== 'bounce',
  );
  return {
    lastOrderAt: customer.aggregates.lastOrderAt,
    consent: customer.consent,
    unsubscribed: refusals.length > 0,
  };
}

export class DynamoJourneyFacts implements JourneyFactsReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(
    customerIds: readonly string[],
    onUnreadable?: OnUnreadable,
  ): Promise<Map<string, JourneyFacts>> {
    const facts = new Map<string, JourneyFacts>();
    for (let start = 0; start < customerIds.length; start += BATCH) {
      const wanted = customerIds.slice(start, start + BATCH).map((id) => keys.profile(id));
      const found = await batchGetAll(this.client, this.tableName, wanted);
      for (const item of found.values()) {
        let customer: Customer;
        try {
          customer = profileItem.parse(item);
        } catch (error) {
          if (!(error instanceof ZodError)) throw error;
          // Left out, like an erased customer (the planner ends such journeys), instead of stopping
          // the run.
          onUnreadable?.({ pk: String(item.pk), sk: String(item.sk) });
          continue;
        }
        facts.set(customer.id, journeyFacts(customer));
      }
    }
    return facts;
  }
}
