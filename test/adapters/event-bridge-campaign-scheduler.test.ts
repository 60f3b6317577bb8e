import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  atExpression,
  EventBridgeCampaignScheduler,
} from '../../shared/adapters/scheduler/event-bridge-campaign-scheduler';

// No local peer for EventBridge Scheduler: the SDK client is mocked.
const scheduler = mockClient(SchedulerClient);
const target = {
  groupName: 'regulars-shop-campaigns',
  queueArn: 'arn:aws:sqs:ap-southeast-1:123456789012:campaign-fan-out',
  roleArn: 'arn:aws:iam::123456789012:role/campaign-scheduler',
};
const adapter = () => new EventBridgeCampaignScheduler(new SchedulerClient({}), target);

beforeEach(() => scheduler.reset());

describe('EventBridgeCampaignScheduler', () => {
  it('makes a one-time UTC schedule that sends the start message and deletes itself', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    await adapter().schedule('0123456789ABCDEFGHJKMNPQRS', '2026-11-24T01:30:00.000Z');
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input).toEqual({
      Name: 'campaign-0123456789ABCDEFGHJKMNPQRS',
      GroupName: target.groupName,
      ScheduleExpression: 'at(2026-11-24T01:30:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: target.queueArn,
        RoleArn: target.roleArn,
        Input: JSON.stringify({ kind: 'start', campaignId: '0123456789ABCDEFGHJKMNPQRS' }),
      },
    });
  });

  it('rounds a time within a minute up, never down: the schedule never fires before sendAt', async () => {
    expect(atExpression('2026-11-24T01:30:00.000Z')).toBe('at(2026-11-24T01:30:00)');
    expect(atExpression('2026-11-24T01:30:00.001Z')).toBe('at(2026-11-24T01:31:00)');
    expect(atExpression('2026-11-24T01:30:59.000Z')).toBe('at(2026-11-24T01:31:00)');
    expect(atExpression('2026-12-31T23:59:30.000Z')).toBe('at(2027-01-01T00:00:00)');
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    await adapter().schedule('0123456789ABCDEFGHJKMNPQRS', '2026-11-24T01:30:20.500Z');
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input.ScheduleExpression).toBe(
      'at(2026-11-24T01:31:00)',
    );
  });

  it('treats an existing schedule as made (a retried request)', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    await expect(
      adapter().schedule('0123456789ABCDEFGHJKMNPQRS', '2026-11-24T01:30:00.000Z'),
    ).resolves.toBeUndefined();
  });

  it('deletes the schedule on cancel, and a schedule already gone is not an error', async () => {
    scheduler
      .on(DeleteScheduleCommand)
      .resolvesOnce({})
      .rejects(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }));
    await adapter().cancel('0123456789ABCDEFGHJKMNPQRS');
    await adapter().cancel('0123456789ABCDEFGHJKMNPQRS');
    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]?.args[0].input).toEqual({
      Name: 'campaign-0123456789ABCDEFGHJKMNPQRS',
      GroupName: target.groupName,
    });
  });

  it('lets other failures through', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(new Error('AccessDenied'));
    await expect(adapter().cancel('0123456789ABCDEFGHJKMNPQRS')).rejects.toThrow('AccessDenied');
  });
});
