import { describe, expect, it } from 'vitest';
import { readAlarmTransitions } from '../../../shared/adapters/ses-events/alarm-notification';

// The JSON CloudWatch publishes to an SNS alarm action, trimmed to its usual top-level fields.
const alarmMessage = (newState: string) =>
  JSON.stringify({
    AlarmName: 'Regulars-thao-moc-Api-ses-bounce-rate',
    AlarmDescription: "The account's SES bounce rate is over 2.5%",
    AWSAccountId: '111122223333',
    AlarmConfigurationUpdatedTimestamp: '2026-03-01T00:00:00.000+0000',
    NewStateValue: newState,
    NewStateReason:
      'Threshold Crossed: 1 datapoint [0.031] was greater than or equal to the threshold (0.025).',
    StateChangeTime: '2026-03-02T10:00:00.000+0000',
    Region: 'Asia Pacific (Singapore)',
    AlarmArn:
      'arn:aws:cloudwatch:ap-southeast-1:111122223333:alarm:Regulars-thao-moc-Api-ses-bounce-rate',
    OldStateValue: 'OK',
    Trigger: { MetricName: 'Reputation.BounceRate', Namespace: 'AWS/SES', Threshold: 0.025 },
  });

const snsEvent = (...messages: string[]) => ({
  Records: messages.map((Message, index) => ({
    EventSource: 'aws:sns',
    Sns: { MessageId: `m-${index}`, Message },
  })),
});

describe('readAlarmTransitions', () => {
  it('reads the alarm name and its new state from each message', () => {
    expect(readAlarmTransitions(snsEvent(alarmMessage('ALARM'), alarmMessage('OK')))).toEqual([
      { name: 'Regulars-thao-moc-Api-ses-bounce-rate', newState: 'ALARM' },
      { name: 'Regulars-thao-moc-Api-ses-bounce-rate', newState: 'OK' },
    ]);
  });

  it('skips messages that are not alarm notifications', () => {
    expect(readAlarmTransitions(snsEvent('not json', '{"eventType":"Bounce"}'))).toEqual([]);
  });

  it('finds none in an event that is not from SNS', () => {
    expect(readAlarmTransitions({ detail: {} })).toEqual([]);
  });
});
