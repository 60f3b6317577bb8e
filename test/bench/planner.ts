import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { ensureTable } from '../../infra/local/table';
import { DynamoEnrollmentStore } from '../../shared/adapters/dynamodb/enrollment-store';
import { enrollmentKey } from '../../shared/adapters/dynamodb/enrollment-items';
import { profileItem } from '../../shared/adapters/dynamodb/items';
import { DynamoJourneyFacts } from '../../shared/adapters/dynamodb/journey-facts';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { batchWriteAll } from '../../shared/adapters/dynamodb/paging';
import { DynamoWinBackCandidates } from '../../shared/adapters/dynamodb/win-back-candidates';
import { DynamoWorkflowDefinitionRepository } from '../../shared/adapters/dynamodb/workflow-definition-repository';
import { UlidGenerator } from '../../shared/adapters/ulid-generator';
import { summarizePurchases } from '../../shared/core/aggregates';
import type { ConsentState } from '../../shared/core/consent';
import type { Customer } from '../../shared/core/customer';
import type { SendJob } from '../../shared/core/messaging/send-job';
import type { JobQueue } from '../../shared/core/ports';
import { workflowTally } from '../../shared/core/results/tally';
import { enrollmentId } from '../../workflows/enrollment';
import { planWorkflows, type PlanResult } from '../../workflows/planner';
import { startOfDay } from '../../workflows/shop-days';
import { DynamoDbMeter, type MeterReading } from '../helpers/dynamodb-meter';
import { round, runConcurrently } from './measure';
import { vietnameseBuyer } from './vietnamese-people';

const TABLE = 'bench-planner';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
// 10:00 on 23 November 2026 in Hồ Chí Minh City.
const NOW = new Date('2026-11-23T03:00:00.000Z');
const DUE = 1_000;
const SIZES = [100_000, 200_000] as const;
const BATCH = 500;
const CONCURRENCY = 8;
const MAX_RATIO = 1.1;

const ids = new UlidGenerator();
const granted: ConsentState = {
  status: 'granted',
  at: '2026-01-05T00:00:00.000Z',
  source: 'checkout',
};

/**
 * A customer who bought once. The due ones have a due day in the past (spread over the last ten
 * days); of the rest, half are due in 2027 and half never (no lapse: one-off buyers under a
 * model that says so), so the due index holds many entries the planner must not read.
 */
function profile(
  index: number,
  id: string,
  due: 'past' | 'future' | 'never',
): Record<string, unknown> {
  const placedAt = '2026-06-01T03:00:00.000Z';
  const customer: Customer = {
    id,
    name: vietnameseBuyer(index).name,
    email: `khach.${index}@example.com`,
    locale: 'vi',
    tags: [],
    source: 'shopee',
    createdAt: placedAt,
    updatedAt: placedAt,
    version: 3,
    aggregates: summarizePurchases(
      [
        {
          customerId: id,
          source: 'shopee',
          orderId: `O${index}`,
          placedAt,
          purchaseDay: '2026-06-01',
          total: { amount: 180_000, currency: 'VND' },
          status: 'placed',
          recordedAt: placedAt,
          updatedAt: placedAt,
        },
      ],
      'VND',
    ),
    consent: { email: { marketing: granted }, sms: {} },
    lapse:
      due === 'never'
        ? null
        : {
            dueDay:
              due === 'past'
                ? `2026-11-${String(13 + (index % 10)).padStart(2, '0')}`
                : '2027-03-01',
            policy: 'fixed_window',
            basis: 'fixed_window',
          },
    suppression: {},
  };
  return profileItem.from(customer);
}

class CountingQueue implements JobQueue<SendJob> {
  sent = 0;
  async send(): Promise<void> {
    this.sent += 1;
  }
}

async function seed(
  client: DynamoDBDocumentClient,
  items: (index: number) => Record<string, unknown>,
  from: number,
  to: number,
): Promise<number> {
  let written = 0;
  const seconds = await runConcurrently(
    Math.ceil((to - from) / BATCH),
    CONCURRENCY,
    async (chunk) => {
      const start = from + chunk * BATCH;
      const requests = [];
      for (let index = start; index < Math.min(to, start + BATCH); index += 1)
        requests.push({ PutRequest: { Item: items(index) } });
      await batchWriteAll(client, TABLE, requests);
      written += requests.length;
      if (written % 20_000 < BATCH) console.log(`  … ${from + written} profiles`);
    },
  );
  return seconds;
}

interface Row {
  readonly customers: number;
  readonly result: PlanResult;
  readonly reading: MeterReading;
  readonly seconds: number;
}

/**
 * `npm run bench planner`: one win-back planner run over 100,000 and then 200,000 customers of
 * whom the same 1,000 are due, measuring only the run (DynamoDB requests by operation, read and
 * write units, time). The planner reads the due index, not the list, so the two runs must cost
 * within 10% of each other.
 */
export async function benchPlanner(): Promise<void> {
  const dynamoDbLocal = await startDynamoDbLocal();
  try {
    const lowClient = createLocalDynamoDbClient(dynamoDbLocal.endpoint);
    await ensureTable(lowClient, TABLE);
    const client = DynamoDBDocumentClient.from(lowClient, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const customerIds = Array.from({ length: SIZES[1] }, () => ids.newId());
    const itemOf = (index: number) =>
      profile(
        index,
        customerIds[index] as string,
        index < DUE ? 'past' : index % 2 === 0 ? 'future' : 'never',
      );
    const meter = new DynamoDbMeter().attach(lowClient);

    const rows: Row[] = [];
    let seeded = 0;
    for (const size of SIZES) {
      console.log(`seeding profiles ${seeded}–${size} (BatchWriteItem, ${CONCURRENCY} at a time)`);
      const seedSeconds = await seed(client, itemOf, seeded, size);
      console.log(`seeded ${size - seeded} profiles in ${round(seedSeconds, 1)} s`);
      seeded = size;

      meter.reset();
      const queue = new CountingQueue();
      const started = process.hrtime.bigint();
      const result = await planWorkflows({
        definitions: new DynamoWorkflowDefinitionRepository(client, TABLE),
        candidates: new DynamoWinBackCandidates(client, TABLE),
        enrollments: new DynamoEnrollmentStore(client, TABLE),
        facts: new DynamoJourneyFacts(client, TABLE),
        queue,
        clock: { now: () => NOW },
        timeZone: TIME_ZONE,
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rows.push({ customers: size, result, reading: meter.read(), seconds });

      // Back to the same starting point for the next size: the due 1,000 due again, no journeys.
      await batchWriteAll(client, TABLE, [
        ...Array.from({ length: DUE }, (_, index) => ({ PutRequest: { Item: itemOf(index) } })),
        ...Array.from({ length: DUE }, (_, index) => {
          const customerId = customerIds[index] as string;
          const dueDay = String((itemOf(index).dueSk as string).split('#')[0]);
          const id = enrollmentId('win-back', customerId, startOfDay(dueDay, TIME_ZONE));
          return {
            DeleteRequest: {
              Key: { ...enrollmentKey({ id, customerId, workflowId: 'win-back' }) },
            },
          };
        }),
        { DeleteRequest: { Key: { ...keys.tally(workflowTally('win-back')) } } },
      ]);
    }

    console.log('\nOne planner run (only the run is measured):');
    console.table(
      rows.map(({ customers, result, reading, seconds }) => ({
        customers,
        due: DUE,
        enrolled: result.enrolled,
        queued: result.queued,
        requests: reading.requests,
        ...Object.fromEntries(
          Object.entries(reading.byCommand).map(([command, count]) => [
            command.replace('Command', ''),
            count,
          ]),
        ),
        readUnits: round(reading.readUnits, 1),
        writeUnits: round(reading.writeUnits, 1),
        seconds: round(seconds, 2),
      })),
    );
    const [small, large] = rows as [Row, Row];
    const ratio = (a: number, b: number) => Math.max(a, b) / Math.min(a, b);
    const readRatio = ratio(small.reading.readUnits, large.reading.readUnits);
    const requestRatio = ratio(small.reading.requests, large.reading.requests);
    console.log(
      `read units ${round(readRatio, 3)}× and requests ${round(requestRatio, 3)}× between ${small.customers} and ${large.customers} customers (must be within ${MAX_RATIO}×): ${readRatio <= MAX_RATIO && requestRatio <= MAX_RATIO ? 'OK' : 'FAILED'}`,
    );
    if (readRatio > MAX_RATIO || requestRatio > MAX_RATIO) process.exitCode = 1;
  } finally {
    await dynamoDbLocal.stop();
  }
}
