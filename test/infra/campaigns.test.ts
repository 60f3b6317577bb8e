import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { queues } from '../../functions/queues';
import { routes } from '../../functions/routes';
import { schedules } from '../../functions/schedules';
import { CampaignSchedules, useCampaignSchedules } from '../../infra/constructs/campaign-schedules';
import { JobQueue } from '../../infra/constructs/job-queue';
import { RegularsFunction } from '../../infra/constructs/regulars-function';
import { repoRoot } from '../../infra/paths';

const fanOut = queues.find((queue) => queue.name === 'campaignFanOut');

let template: Template;
let stack: Stack;

beforeAll(() => {
  // Templates only: no bundling of the handler.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new Stack(app, 'Campaigns', {
    env: { account: '123456789012', region: 'ap-southeast-1' },
  });
  if (fanOut === undefined) throw new Error('campaignFanOut is not declared');
  const jobQueue = new JobQueue(stack, 'CampaignFanOut', { definition: fanOut });
  const schedules = new CampaignSchedules(stack, 'CampaignSchedules', {
    fanOutQueue: jobQueue.queue,
  });
  const fn = new RegularsFunction(stack, 'CreatePromotionFunction', {
    entry: path.join(repoRoot, 'functions/owner-api/create-promotion.ts'),
  });
  useCampaignSchedules(fn, schedules);
  template = Template.fromStack(stack);
});

describe('campaign declarations', () => {
  it('declares the fan-out queue with a long-running, one-at-a-time consumer that may scan', () => {
    expect(fanOut?.consumer).toMatchObject({
      timeoutSeconds: 900,
      batchSize: 1,
      needs: { table: { access: 'readWrite', scan: true }, queues: ['sendJobs', 'campaignFanOut'] },
    });
  });

  it('sweeps for scheduled campaigns whose start was lost, every five minutes in AWS too', () => {
    expect(schedules.find((schedule) => schedule.name === 'startDueCampaigns')).toMatchObject({
      handler: 'schedules/start-due-campaigns.ts',
      expression: 'rate(5 minutes)',
      needs: { table: { access: 'read' }, queues: ['campaignFanOut'] },
    });
  });

  it('asks for campaign schedules only on the routes that make or delete them', () => {
    expect(
      routes
        .filter((route) => route.needs.campaignSchedules)
        .map((route) => route.name)
        .sort(),
    ).toEqual(['cancelCampaign', 'createPromotion']);
  });
});

describe('CampaignSchedules', () => {
  it('makes a schedule group of the shop’s own', () => {
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
  });

  it('gives Scheduler a role for this group only, that may send to the fan-out queue only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': '123456789012',
                'aws:SourceArn': Match.anyValue(),
              },
            },
          }),
        ],
      },
    });
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('CampaignSchedulesSchedulerRole') }] },
    });
    const statements = Object.values(policies).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      expect.objectContaining({
        Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^CampaignFanOut/), 'Arn'] },
      }),
    ]);
  });

  it('lets a function make and delete campaign schedules in the group, and pass that role only to Scheduler', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
            Resource: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  Match.stringLikeRegexp(
                    '^:scheduler:ap-southeast-1:123456789012:schedule/Campaigns-CampaignSchedules-Group-[A-Z0-9]+/campaign-\\*$',
                  ),
                ],
              ],
            },
          }),
          Match.objectLike({
            Action: 'iam:PassRole',
            Resource: {
              'Fn::GetAtt': [Match.stringLikeRegexp('CampaignSchedulesSchedulerRole'), 'Arn'],
            },
            Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          SCHEDULE_GROUP_NAME: Match.stringLikeRegexp('^Campaigns-CampaignSchedules-Group-'),
          SCHEDULE_ROLE_ARN: {
            'Fn::GetAtt': [Match.stringLikeRegexp('CampaignSchedulesSchedulerRole'), 'Arn'],
          },
          CAMPAIGN_QUEUE_ARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CampaignFanOut'), 'Arn'] },
        }),
      },
    });
  });

  it('passes the cdk-nag AWS Solutions checks', () => {
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});
