import type { RouteNeeds } from './routes';

/**
 * The stack's SNS topics a function can subscribe to: `sesFeedback` carries the configuration
 * set's bounce and complaint events; `sendingAlarms` the sending alarms' state changes.
 */
export type EventSourceName = 'sesFeedback' | 'sendingAlarms';

/**
 * Functions run by events from the stack's own topics, declared once: the CDK stack makes each
 * function, subscribes it to its topic, and keeps the events it failed on in a dead-letter
 * queue (with an alarm), as it does for schedules.
 */
export interface EventHandlerDefinition {
  readonly name: string;
  /** Handler module, relative to `functions/`, exporting `handler`. */
  readonly handler: string;
  readonly source: EventSourceName;
  /**
   * Only these alarms' transitions into ALARM reach the function (an SNS filter policy on the
   * message body); every message of the topic when absent. Names as SendingAlarms' properties.
   */
  readonly alarms?: readonly ('bounceRate' | 'complaintRate' | 'smsSpend')[];
  readonly timeoutSeconds: number;
  readonly needs: RouteNeeds;
  /**
   * May turn the shop's email sending off (`ses:PutConfigurationSetSendingOptions` on its
   * configuration set, `SES_CONFIGURATION_SET`): the reaction to a reputation alarm, nothing else.
   */
  readonly pausesEmail?: true;
}

export const eventHandlers: readonly EventHandlerDefinition[] = [
  {
    name: 'sesFeedback',
    handler: 'events/ses-feedback.ts',
    source: 'sesFeedback',
    // One SES event names at most 50 recipients, each suppressed in one short transaction.
    timeoutSeconds: 30,
    // Finds the holder of the address and writes the suppression on the address item (keyed
    // by the address's hash) and on the profile.
    needs: { table: { access: 'readWrite' }, addressHashing: true },
  },
  {
    name: 'pauseSending',
    handler: 'events/pause-sending.ts',
    source: 'sendingAlarms',
    alarms: ['bounceRate', 'complaintRate'],
    timeoutSeconds: 10,
    needs: {},
    pausesEmail: true,
  },
];
