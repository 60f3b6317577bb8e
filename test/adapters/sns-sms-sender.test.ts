import {
  AuthorizationErrorException,
  InternalErrorException,
  InvalidParameterException,
  OptedOutException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SnsSmsSender } from '../../shared/adapters/sms/sns-sms-sender';
import {
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderThrottledError,
} from '../../shared/core/messaging/errors';
import { anSms } from '../helpers/outgoing-messages';

// SNS has no local emulator for SMS; the client is mocked to check the request and inject faults.
const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

const sender = () => new SnsSmsSender(new SNSClient({ region: 'ap-southeast-1' }));
const $metadata = (httpStatusCode: number) => ({ httpStatusCode });
const named = (name: string) => Object.assign(new Error(name), { name });

describe('SnsSmsSender', () => {
  describe('the request', () => {
    it('publishes to the number with the SMS type and the sender id', async () => {
      sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
      await expect(sender().send(anSms())).resolves.toEqual({ providerMessageId: 'sns-1' });
      expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
        PhoneNumber: '+84912345678',
        Message: anSms().text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Promotional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'THAOMOC' },
        },
      });
    });

    it('leaves the sender id out when the shop has none', async () => {
      sns.on(PublishCommand).resolves({ MessageId: 'sns-2' });
      await sender().send(anSms({ senderId: null, type: 'Transactional' }));
      expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      });
    });
  });

  describe('translating failures', () => {
    it('reports throttling when SNS answers Throttled', async () => {
      sns
        .on(PublishCommand)
        .rejects(new ThrottledException({ message: 'slow', $metadata: $metadata(429) }));
      await expect(sender().send(anSms())).rejects.toBeInstanceOf(ProviderThrottledError);
    });

    it.each([
      ['OptedOut', new OptedOutException({ message: 'out', $metadata: $metadata(400) }), false],
      [
        'InvalidParameter',
        new InvalidParameterException({ message: 'x', $metadata: $metadata(400) }),
        false,
      ],
      [
        'AuthorizationError',
        new AuthorizationErrorException({ message: 'no', $metadata: $metadata(403) }),
        true,
      ],
    ])('reports a definite failure when SNS answers %s', async (_, error, retryable) => {
      sns.on(PublishCommand).rejects(error);
      const thrown = await sender()
        .send(anSms())
        .catch((caught: unknown) => caught);
      expect(thrown).toBeInstanceOf(ProviderRejectedError);
      expect(thrown).toMatchObject({ channel: 'sms', retryable, providerCode: error.name });
    });

    it.each([
      ['a request timeout', named('TimeoutError')],
      ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
      [
        'an internal error (5xx)',
        new InternalErrorException({ message: 'x', $metadata: $metadata(500) }),
      ],
    ])('reports an unknown outcome after %s', async (_, error) => {
      sns.on(PublishCommand).rejects(error);
      await expect(sender().send(anSms())).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
    });
  });
});
