import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { defaultWinBack, WorkflowDefinition } from '../../../workflows/definition';
import type { StoredWorkflow, WorkflowDefinitionRepository } from '../../../workflows/ports';
import { keys } from './keys';
import { putIfVersion } from './version-condition';

const StoredItem = z.object({
  definition: WorkflowDefinition,
  version: z.number().int().min(1),
});

/** The workflows a shop has, each with the definition it starts with until the owner saves one. */
const builtInWorkflows: ReadonlyMap<string, WorkflowDefinition> = new Map([
  [defaultWinBack.id, defaultWinBack],
]);

/** Workflow definitions as the owner saved them; absent, the built-in default at version 0. */
export class DynamoWorkflowDefinitionRepository implements WorkflowDefinitionRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(workflowId: string): Promise<StoredWorkflow | undefined> {
    const builtIn = builtInWorkflows.get(workflowId);
    if (builtIn === undefined) return undefined;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.workflowDefinition(workflowId),
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return { definition: builtIn, version: 0 };
    const { definition, version } = StoredItem.parse(Item);
    return { definition, version };
  }

  async save(definition: WorkflowDefinition, expectedVersion: number): Promise<StoredWorkflow> {
    const stored = {
      definition: WorkflowDefinition.parse(definition),
      version: expectedVersion + 1,
    };
    await putIfVersion(
      this.client,
      this.tableName,
      { ...keys.workflowDefinition(definition.id), ...stored },
      expectedVersion,
      `Workflow ${definition.id}`,
    );
    return stored;
  }
}
