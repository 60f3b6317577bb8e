import {
  AuthorizationErrorException,
  EndpointDisabledException,
  InvalidParameterException,
  InvalidParameterValueException,
  KMSThrottlingException,
  NotFoundException,
  OptedOutException,
  PublishCommand,
  ThrottledException,
  ValidationException,
  type PublishCommandInput,
  type SNSClient,
} from '@aws-sdk/client-sns';
import {
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderThrottledError,
  type ProviderSendError,
} from '../../core/messaging/errors';
import type { OutgoingSms, SendReceipt, SmsSender } from '../../core/messaging/senders';
import type { SenderOptions } from '../email/ses-email-sender';
import { translateUnmodeledFailure } from '../provider-failure';

/** The SNS request for one SMS: a direct publish to the number with its type and sender id. */
export function publishInput(sms: OutgoingSms): PublishCommandInput {
  const attribute = (StringValue: string) => ({ DataType: 'String', StringValue });
  return {
    PhoneNumber: sms.to,
    Message: sms.text,
    MessageAttributes: {
      'AWS.SNS.SMS.SMSType': attribute(sms.type),
      ...(sms.senderId === null ? {} : { 'AWS.SNS.SMS.SenderID': attribute(sms.senderId) }),
    },
  };
}

/** SNS's exceptions, by class, in the dispatcher's three outcomes. */
export function translateSnsFailure(error: unknown): ProviderSendError {
  const options = { cause: error };
  if (error instanceof ThrottledException || error instanceof KMSThrottlingException) {
    return new ProviderThrottledError('sms', error.name, options);
  }
  if (
    error instanceof OptedOutException ||
    error instanceof InvalidParameterException ||
    error instanceof InvalidParameterValueException ||
    error instanceof ValidationException ||
    error instanceof NotFoundException ||
    error instanceof EndpointDisabledException
  ) {
    return new ProviderRejectedError('sms', error.name, false, options);
  }
  // A permissions problem is fixed by the operator; nothing was sent meanwhile.
  if (error instanceof AuthorizationErrorException) {
    return new ProviderRejectedError('sms', error.name, true, options);
  }
  return translateUnmodeledFailure('sms', error);
}

/**
 * Sends SMS through SNS. As for SES, build the client with `maxAttempts: 1`; each publish is
 * bounded by `timeoutMs` and a timed-out one is reported as unknown, never retried here.
 */
export class SnsSmsSender implements SmsSender {
  private readonly timeoutMs: number;

  constructor(
    private readonly client: SNSClient,
    options: SenderOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async send(sms: OutgoingSms): Promise<SendReceipt> {
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.client.send(new PublishCommand(publishInput(sms)), {
        abortSignal: AbortSignal.timeout(this.timeoutMs),
      }));
    } catch (error) {
      throw translateSnsFailure(error);
    }
    if (!messageId) throw new ProviderOutcomeUnknownError('sms', 'MissingMessageId');
    return { providerMessageId: messageId };
  }
}
