import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedules } from '../../functions/schedules';
import { repoRoot } from '../../infra/paths';
import { createShopApp } from '../../infra/shop-app';
import {
  declaredSchedule,
  describedFunction,
  functionActions,
  functionVariables,
  type Resource,
} from './template-queries';

let outdir: string;
let api: Template;

// Templates only: the handlers are not bundled (shop-stack.test.ts checks the bundles).
beforeAll(() => {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'regulars-planner-'));
  const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as {
    context?: object;
  };
  const shop = createShopApp({
    outdir,
    context: {
      ...cdkJson.context,
      shopId: 'test-shop',
      senderIdentity: 'test-shop.example',
      'aws:cdk:bundling-stacks': [],
    },
  });
  api = Template.fromStack(shop.stacks.api);
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const planner = schedules.find((schedule) => schedule.name === 'planWorkflows');
const description = () => {
  if (planner === undefined) throw new Error('No planWorkflows schedule');
  return declaredSchedule(planner).description;
};

describe('the win-back planner in the stack', () => {
  it('runs every 15 minutes from EventBridge Scheduler', () => {
    const expressions = Object.values(api.findResources('AWS::Scheduler::Schedule')).map(
      (resource) => (resource as Resource).Properties.ScheduleExpression,
    );
    expect(expressions).toContain('rate(15 minutes)');
    expect(planner).toMatchObject({ expression: 'rate(15 minutes)', timeoutSeconds: 300 });
  });

  it('gets five minutes, the table and the send queue, and may not send mail or SMS itself', () => {
    expect(describedFunction(api, description()).properties.Timeout).toBe(300);
    expect(functionVariables(api, description())).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'SEND_QUEUE_URL']),
    );
    const actions = functionActions(api, description());
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'sqs:SendMessage']),
    );
    expect(actions.filter((action) => /^(ses|sns):/.test(action))).toEqual([]);
    expect(actions).not.toContain('dynamodb:Scan');
  });
});
