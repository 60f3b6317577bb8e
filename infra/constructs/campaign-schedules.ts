import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag';

export interface CampaignSchedulesProps {
  /** The campaign fan-out queue each one-time schedule sends its start message to. */
  readonly fanOutQueue: IQueue;
}

/**
 * Where promotions set for later wait: the shop's own schedule group, and the role EventBridge
 * Scheduler assumes to put a campaign's start message on the fan-out queue, and do nothing else.
 * The schedules themselves are made at run time, one per campaign (`campaign-<id>`), and delete
 * themselves once fired.
 */
export class CampaignSchedules extends Construct {
  readonly group: ScheduleGroup;
  readonly role: Role;
  readonly fanOutQueue: IQueue;

  constructor(scope: Construct, id: string, props: CampaignSchedulesProps) {
    super(scope, id);
    this.fanOutQueue = props.fanOutQueue;
    this.group = new ScheduleGroup(this, 'Group', {});
    const stack = Stack.of(this);
    this.role = new Role(this, 'SchedulerRole', {
      description: 'Lets EventBridge Scheduler start a campaign set for later',
      // Only the scheduler, for a schedule of this shop's group in this account, may assume it.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': this.group.scheduleGroupArn,
          },
        },
      }),
    });
    // SendMessage on this one queue (and the key's use, were it ever a customer-managed key).
    props.fanOutQueue.grantSendMessages(this.role);
  }

  /** The ARNs of the campaign schedules in this group: `campaign-<id>`, made one per campaign. */
  scheduleArns(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.group.scheduleGroupName}/campaign-*`,
    });
  }
}

/**
 * Sets SCHEDULE_GROUP_NAME, SCHEDULE_ROLE_ARN and CAMPAIGN_QUEUE_ARN, and grants making and
 * deleting campaign schedules in the shop's group only, and passing the scheduler's role to
 * EventBridge Scheduler only (needs.campaignSchedules).
 */
export function useCampaignSchedules(fn: LambdaFunction, schedules: CampaignSchedules): void {
  fn.addEnvironment('SCHEDULE_GROUP_NAME', schedules.group.scheduleGroupName);
  fn.addEnvironment('SCHEDULE_ROLE_ARN', schedules.role.roleArn);
  fn.addEnvironment('CAMPAIGN_QUEUE_ARN', schedules.fanOutQueue.queueArn);
  const scheduleArns = schedules.scheduleArns();
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
      resources: [scheduleArns],
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [schedules.role.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
  );
  if (fn.role) {
    acknowledgeWildcardResource(
      fn.role,
      scheduleArns,
      'One schedule per campaign, named campaign-<id> at run time; the grant is create and delete of those names in this shop’s schedule group only.',
    );
  }
}
