import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../../functions/routes';
import { useAddressHashSecret, useExportBucket, useTable } from '../grants';
import { RegularsFunction } from './regulars-function';

/** The stateful resources a route may need, as declared in its `needs`. */
export interface RouteResources {
  readonly table: ITableV2;
  readonly addressHashSecret: ISecret;
  readonly exportBucket: IBucket;
}

export interface RouteFunctionOptions {
  /** Directory that route handler paths are relative to. */
  readonly functionsRoot: string;
  readonly resources: RouteResources;
}

/** The function behind one route, granted exactly what the route declares it needs. */
export function createRouteFunction(
  scope: Construct,
  route: RouteDefinition,
  options: RouteFunctionOptions,
): RegularsFunction {
  const id = route.name.charAt(0).toUpperCase() + route.name.slice(1);
  const fn = new RegularsFunction(scope, `${id}Function`, {
    entry: path.join(options.functionsRoot, route.handler),
    description: `${route.method} ${route.path}`,
    timeout:
      route.timeoutSeconds === undefined ? undefined : Duration.seconds(route.timeoutSeconds),
  });
  const { needs } = route;
  if (needs.table) useTable(fn, options.resources.table, needs.table);
  if (needs.addressHashing) useAddressHashSecret(fn, options.resources.addressHashSecret);
  if (needs.exportBucket) useExportBucket(fn, options.resources.exportBucket);
  return fn;
}
