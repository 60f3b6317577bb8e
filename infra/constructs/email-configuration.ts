import { Stack } from 'aws-cdk-lib';
import type { Key } from 'aws-cdk-lib/aws-kms';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createMessagingTopic } from './messaging-topic';

export interface EmailConfigurationProps {
  /** The verified SES identity (domain or address) the shop sends from. */
  readonly senderIdentity: string;
  /** Encrypts the feedback topic; SES must be allowed to use it (createMessagingKey). */
  readonly key: Key;
}

/**
 * The shop's SES v2 configuration set, through which every email is sent, and the topic its
 * bounce and complaint events are published to.
 *
 * Bounces and complaints are published because they suppress an address; deliveries because
 * the owner's results count delivered emails per workflow and campaign (an SNS message and a
 * Lambda run per email sent: the price of that figure). Rejects (SES found a virus) say nothing
 * about the recipient and are not published.
 *
 * The account-level suppression list stays on for bounces and complaints, in addition to the
 * addresses we suppress ourselves: it catches what we would miss if our feedback function were
 * down for a while, and an address on it is never sent to, so it never counts again against the
 * account's reputation. SES reports such a send as a bounce with subtype
 * `OnAccountSuppressionList`, which suppresses the address on our side too. The price: the
 * list is shared by every shop of the account, so an address that bounced for one shop is not
 * sent to by another; for a permanent bounce or a complaint, that is right anyway.
 */
export class EmailConfiguration extends Construct {
  readonly configurationSet: ConfigurationSet;
  /** The configuration set's ARN, which SendEmail and the pause action are granted on. */
  readonly configurationSetArn: string;
  /** The ARN of the sender identity, the only one email may be sent from. */
  readonly identityArn: string;
  /** Receives the configuration set's bounce, complaint and delivery events. */
  readonly feedbackTopic: Topic;

  constructor(scope: Construct, id: string, props: EmailConfigurationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // TLS when the receiving server offers it (nearly all do); REQUIRE would turn the rare
      // server without it into failed deliveries the shop cannot fix.
      tlsPolicy: ConfigurationSetTlsPolicy.OPTIONAL,
      // Per-shop bounce and complaint rates in CloudWatch, beside the account's.
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const { configurationSetName } = this.configurationSet;
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSetName,
    });
    this.identityArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: props.senderIdentity,
    });

    this.feedbackTopic = createMessagingTopic(this, 'FeedbackTopic', {
      key: props.key,
      displayName: 'Regulars SES bounces, complaints and deliveries',
    });
    // Adds the topic policy that lets SES publish, for this configuration set only.
    this.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.snsTopic(this.feedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY],
    });
  }
}
