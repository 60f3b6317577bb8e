import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { sendMetricsNamespace, sendMetricsService } from '../../functions/runtime/send-metrics';
import { createMessagingTopic } from './messaging-topic';

/**
 * SES puts an account under review at a 5% bounce rate and a 10× lower 0.1% complaint rate; the
 * alarms fire at half of each, while there is time to pause and clean the list.
 */
export const bounceRateAlarmThreshold = 0.025;
export const complaintRateAlarmThreshold = 0.0005;

export interface SendingAlarmsProps {
  /** Encrypts the alarm topic; CloudWatch must be allowed to use it (createMessagingKey). */
  readonly key: Key;
  /** SMS spend this month, in USD, that raises the spend alarm. */
  readonly smsSpendAlarmUsd: number;
  /** Subscribed to the alarm topic by email when given (the address confirms it once). */
  readonly alarmEmail?: string;
}

/**
 * The sending alarms and the topic they notify: the operator by email when configured, and the
 * function that pauses the shop's email when the account's reputation is at risk.
 *
 * The reputation rates and the SMS spend belong to the AWS account, not to the shop: every shop
 * stack of an account watches the same metrics and pauses its own email when they cross the
 * line, since an account SES pauses would stop every shop anyway.
 */
export class SendingAlarms extends Construct {
  readonly topic: Topic;
  readonly bounceRate: Alarm;
  readonly complaintRate: Alarm;
  readonly smsSpend: Alarm;
  /** Any message whose provider call ended without a clear answer in the last hour. */
  readonly unknownOutcomes: Alarm;

  constructor(scope: Construct, id: string, props: SendingAlarmsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.topic = createMessagingTopic(this, 'Topic', {
      key: props.key,
      displayName: 'Regulars alarms',
    });
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    }

    this.bounceRate = this.rateAlarm('BounceRateAlarm', {
      alarmName: `${stackName}-ses-bounce-rate`,
      metricName: 'Reputation.BounceRate',
      threshold: bounceRateAlarmThreshold,
      alarmDescription: `The account's SES bounce rate is over ${percent(bounceRateAlarmThreshold)} (SES reviews the account at 5%). This shop's email is paused: find the list or import that bounced, then re-enable sending on the configuration set.`,
    });
    this.complaintRate = this.rateAlarm('ComplaintRateAlarm', {
      alarmName: `${stackName}-ses-complaint-rate`,
      metricName: 'Reputation.ComplaintRate',
      threshold: complaintRateAlarmThreshold,
      alarmDescription: `The account's SES complaint rate is over ${percent(complaintRateAlarmThreshold)} (SES reviews the account at 0.1%). This shop's email is paused: check consent and frequency of the last campaigns, then re-enable sending on the configuration set.`,
    });
    this.smsSpend = new Alarm(this, 'SmsSpendAlarm', {
      alarmName: `${stackName}-sms-month-to-date-spend`,
      alarmDescription: `SMS spend this month is over ${props.smsSpendAlarmUsd} USD. SNS stops sending SMS at the account's monthly spend limit (1 USD until AWS raises it); raise the limit or expect SMS to fail until the month ends.`,
      metric: new Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        period: Duration.hours(1),
        statistic: Stats.MAXIMUM,
      }),
      threshold: props.smsSpendAlarmUsd,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // Published only while SMS are sent: a quiet hour keeps the last state.
      treatMissingData: TreatMissingData.IGNORE,
    });
    this.smsSpend.addAlarmAction(new SnsAction(this.topic));

    this.unknownOutcomes = new Alarm(this, 'UnknownOutcomesAlarm', {
      alarmName: `${stackName}-messages-unknown`,
      alarmDescription:
        'A message was handed to SES or SNS in the last hour without a clear answer (a timeout, a lost connection, a server error): it may or may not have been delivered, and it is not sent again. GET /messages?status=unknown lists them; check the provider before resending by hand.',
      // The send worker's own count (Powertools Metrics, functions/runtime/send-metrics.ts).
      metric: new Metric({
        namespace: sendMetricsNamespace,
        metricName: 'MessagesUnknown',
        dimensionsMap: { service: sendMetricsService },
        period: Duration.hours(1),
        statistic: Stats.SUM,
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // Published only when some message is counted: an hour without one is fine.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.unknownOutcomes.addAlarmAction(new SnsAction(this.topic));
  }

  /** Notifies the alarm topic when `alarm` fires. */
  notify(alarm: Alarm): void {
    alarm.addAlarmAction(new SnsAction(this.topic));
  }

  private rateAlarm(
    id: string,
    props: { alarmName: string; metricName: string; threshold: number; alarmDescription: string },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: props.alarmName,
      alarmDescription: props.alarmDescription,
      // Account-level: SES publishes these with no dimension; it judges the account on them.
      metric: new Metric({
        namespace: 'AWS/SES',
        metricName: props.metricName,
        period: Duration.minutes(15),
        statistic: Stats.MAXIMUM,
      }),
      threshold: props.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // SES publishes the rates only while the account sends: silence keeps the last state.
      treatMissingData: TreatMissingData.IGNORE,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}

function percent(ratio: number): string {
  return `${+(ratio * 100).toFixed(3)}%`;
}
