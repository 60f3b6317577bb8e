import { z } from 'zod';

/** The fields of CloudWatch's alarm notification (the SNS message body) that we read. */
const AlarmMessage = z.looseObject({
  AlarmName: z.string(),
  NewStateValue: z.string(),
});

const SnsEvent = z.looseObject({
  Records: z.array(z.looseObject({ Sns: z.looseObject({ Message: z.string() }) })),
});

/** One alarm's change of state, as CloudWatch announces it on an SNS topic. */
export interface AlarmTransition {
  readonly name: string;
  /** `ALARM`, `OK` or `INSUFFICIENT_DATA`. */
  readonly newState: string;
}

/**
 * The alarm transitions in an SNS Lambda event; messages that are not CloudWatch alarm
 * notifications are skipped, and an event that is not from SNS has none.
 */
export function readAlarmTransitions(event: unknown): readonly AlarmTransition[] {
  const parsed = SnsEvent.safeParse(event);
  if (!parsed.success) return [];
  return parsed.data.Records.flatMap(({ Sns }) => {
    let json: unknown;
    try {
      json = JSON.parse(Sns.Message);
    } catch {
      return [];
    }
    const alarm = AlarmMessage.safeParse(json);
    return alarm.success
      ? [{ name: alarm.data.AlarmName, newState: alarm.data.NewStateValue }]
      : [];
  });
}
