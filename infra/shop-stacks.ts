import { Tags, type Environment } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ShopId } from './shop-id';
import { ShopApiStack, type ShopApiStackProps } from './stacks/shop-api-stack';
import { ShopDataStack } from './stacks/shop-data-stack';

export interface ShopStacksProps extends Pick<
  ShopApiStackProps,
  | 'functionsRoot'
  | 'routes'
  | 'queues'
  | 'schedules'
  | 'eventHandlers'
  | 'throttleRateLimit'
  | 'throttleBurstLimit'
  | 'senderIdentity'
  | 'smsSpendAlarmUsd'
  | 'alarmEmail'
> {
  readonly shopId: ShopId;
  /** @default environment-agnostic: account and region come from the credentials at deploy */
  readonly env?: Environment;
}

export interface ShopStacks {
  readonly data: ShopDataStack;
  readonly api: ShopApiStack;
}

/**
 * One shop's deployment. Two stacks rather than one: the data stack (table, key, owner pool,
 * export bucket) is termination-protected and changes rarely; the API stack holds only code,
 * wiring, schedules and queues of job ids, so it can be replaced or rolled back without touching a customer
 * record. Several shops can share an account: every name derives from the shop id.
 */
export function createShopStacks(scope: Construct, props: ShopStacksProps): ShopStacks {
  const prefix = `Regulars-${props.shopId}`;
  const data = new ShopDataStack(scope, `${prefix}-Data`, {
    env: props.env,
    description: `Regulars ${props.shopId}: customer table, address-hash key, owner sign-in, exports`,
  });
  const api = new ShopApiStack(scope, `${prefix}-Api`, {
    env: props.env,
    description: `Regulars ${props.shopId}: owner API, job queues, schedules, sending and their functions`,
    resources: {
      table: data.table,
      addressHashSecret: data.addressHashSecret,
      exportBucket: data.exportBucket,
    },
    userPool: data.owners.userPool,
    userPoolClient: data.owners.client,
    functionsRoot: props.functionsRoot,
    routes: props.routes,
    queues: props.queues,
    schedules: props.schedules,
    eventHandlers: props.eventHandlers,
    senderIdentity: props.senderIdentity,
    smsSpendAlarmUsd: props.smsSpendAlarmUsd,
    alarmEmail: props.alarmEmail,
    throttleRateLimit: props.throttleRateLimit,
    throttleBurstLimit: props.throttleBurstLimit,
  });
  for (const stack of [data, api]) {
    Tags.of(stack).add('regulars:shop', props.shopId);
  }
  return { data, api };
}
