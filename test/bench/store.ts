import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../../infra/local/table';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { HmacAddressHasher } from '../../shared/adapters/address-hasher';
import { DynamoCustomerRepository } from '../../shared/adapters/dynamodb/customer-repository';
import { systemClock } from '../../shared/adapters/system-clock';
import { UlidGenerator } from '../../shared/adapters/ulid-generator';
import { createCustomer } from '../../shared/core/customer-commands';
import { customerInputSchema } from '../../shared/core/customer';
import { OrderInput } from '../../shared/core/order';
import { recordOrder } from '../../shared/core/record-order';
import { defaultShopSettings } from '../../shared/core/settings';
import { DynamoDbMeter, type MeterReading } from '../helpers/dynamodb-meter';
import { peakRssMiB, peakRssOfPidMiB, round, runConcurrently } from './measure';
import { vietnameseBuyer } from './vietnamese-people';

const ORDERS_PER_CUSTOMER = 2;
const CONCURRENCY = 16;

function report(phase: string, count: number, seconds: number, reading: MeterReading) {
  return {
    phase,
    operations: count,
    seconds: round(seconds),
    perSecond: round(count / seconds, 1),
    requestsPerOperation: round(reading.requests / count, 3),
    readUnitsPerOperation: round(reading.readUnits / count, 3),
    writeUnitsPerOperation: round(reading.writeUnits / count, 3),
    requestsByCommand: reading.byCommand,
  };
}

/**
 * `npm run bench store [N]`: N customers, two orders each, then N profile reads, through the
 * real repository into DynamoDB Local; every DynamoDB request is counted by an SDK middleware.
 */
export async function benchStore(args: readonly string[]): Promise<void> {
  const customerCount = Number(args[0] ?? 10_000);
  const dynamoDbLocal = await startDynamoDbLocal();
  try {
    const client = createLocalDynamoDbClient(dynamoDbLocal.endpoint);
    await ensureTable(client, 'bench-store');
    const meter = new DynamoDbMeter().attach(client);
    const documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const customers = new DynamoCustomerRepository(
      documentClient,
      'bench-store',
      new HmacAddressHasher('bench-secret-0123456789abcdef0123456789'),
    );
    const deps = {
      customers,
      settings: defaultShopSettings,
      clock: systemClock,
      ids: new UlidGenerator(),
      lapseModel: null,
    };
    const parseInput = customerInputSchema('VN');
    const ids: string[] = [];

    meter.reset();
    const createSeconds = await runConcurrently(customerCount, CONCURRENCY, async (index) => {
      ids[index] = (
        await createCustomer(
          deps,
          parseInput.parse({ ...vietnameseBuyer(index), source: 'shopee' }),
        )
      ).id;
    });
    const created = report('create customer', customerCount, createSeconds, meter.read());

    meter.reset();
    const orderCount = customerCount * ORDERS_PER_CUSTOMER;
    const orderSeconds = await runConcurrently(orderCount, CONCURRENCY, async (index) => {
      const customerId = ids[index % customerCount] as string;
      const day = 1 + Math.floor(index / customerCount) * 14;
      const input = OrderInput.parse({
        placedAt: new Date(Date.UTC(2026, 8, day, 3)).toISOString(),
        total: { amount: 89_000 + (index % 50) * 1_000, currency: 'VND' },
      });
      await recordOrder(deps, { customerId, source: 'shopee', orderId: `SP${index}` }, input);
    });
    const ordered = report('record order', orderCount, orderSeconds, meter.read());

    meter.reset();
    const readSeconds = await runConcurrently(customerCount, CONCURRENCY, async (index) => {
      await customers.getProfile(ids[index] as string);
    });
    const read = report('read profile', customerCount, readSeconds, meter.read());

    console.log(
      JSON.stringify(
        {
          benchmark: 'store',
          customers: customerCount,
          ordersPerCustomer: ORDERS_PER_CUSTOMER,
          concurrency: CONCURRENCY,
        },
        null,
        2,
      ),
    );
    console.table([created, ordered, read].map(({ requestsByCommand: _, ...row }) => row));
    for (const phase of [created, ordered, read])
      console.log(`${phase.phase}: ${JSON.stringify(phase.requestsByCommand)}`);
    console.log(
      `peak RSS: bench process ${round(peakRssMiB(), 1)} MiB, DynamoDB Local JVM ${round(peakRssOfPidMiB(dynamoDbLocal.pid) ?? Number.NaN, 1)} MiB`,
    );
    console.log(
      'Capacity units are as DynamoDB Local reports them; DynamoDB itself bills a transactional write twice.',
    );
  } finally {
    await dynamoDbLocal.stop();
  }
}
