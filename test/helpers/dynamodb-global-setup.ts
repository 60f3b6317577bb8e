import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the in-memory DynamoDB Local shared by every test file of the run. */
    dynamoEndpoint: string;
  }
}

/**
 * One in-memory DynamoDB Local for the whole run: a JVM start costs seconds, a table costs
 * milliseconds, so test files share the process and isolate themselves by table.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dynamoDbLocal = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamoDbLocal.endpoint);
  return () => dynamoDbLocal.stop();
}
