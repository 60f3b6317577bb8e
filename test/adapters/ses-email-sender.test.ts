import {
  AccountSuspendedException,
  BadRequestException,
  InternalServiceErrorException,
  LimitExceededException,
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { formatFromAddress, SesEmailSender } from '../../shared/adapters/email/ses-email-sender';
import {
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderThrottledError,
} from '../../shared/core/messaging/errors';
import { anEmail } from '../helpers/outgoing-messages';

// No local peer can inject these faults, so the client is mocked (house style: mocks only to
// inject faults). The happy path runs against aws-ses-v2-local in test/integration.
const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());

const sender = () => new SesEmailSender(new SESv2Client({ region: 'ap-southeast-1' }));
const $metadata = (httpStatusCode: number) => ({ httpStatusCode });
const networkError = (code: string) => Object.assign(new Error(code), { code });
const named = (name: string) => Object.assign(new Error(name), { name });

describe('SesEmailSender', () => {
  describe('the request', () => {
    it('sends Simple content with both parts, the unsubscribe headers, set and tags', async () => {
      ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
      await expect(sender().send(anEmail())).resolves.toEqual({ providerMessageId: 'ses-1' });
      const [call] = ses.commandCalls(SendEmailCommand);
      expect(call?.args[0].input).toMatchObject({
        Destination: { ToAddresses: ['lan.nguyen@example.com'] },
        ConfigurationSetName: 'regulars-shop',
        EmailTags: [
          { Name: 'workflow', Value: 'win-back' },
          { Name: 'step', Value: 'email-1' },
        ],
        Content: {
          Simple: {
            Subject: { Data: '[QC] Lâu rồi không gặp, chị Lan!', Charset: 'UTF-8' },
            Body: {
              Html: { Data: anEmail().html, Charset: 'UTF-8' },
              Text: { Data: anEmail().text, Charset: 'UTF-8' },
            },
            Headers: [
              { Name: 'List-Unsubscribe', Value: anEmail().headers['List-Unsubscribe'] },
              { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
            ],
          },
        },
      });
    });

    it('encodes a non-ASCII display name as an RFC 2047 word and quotes an ASCII one', () => {
      const vietnamese = formatFromAddress({ address: 'a@example.com', name: 'Thảo Mộc' });
      expect(vietnamese).toBe(
        `=?UTF-8?B?${Buffer.from('Thảo Mộc').toString('base64')}?= <a@example.com>`,
      );
      expect(formatFromAddress({ address: 'a@example.com', name: 'Shop "A"' })).toBe(
        '"Shop \\"A\\"" <a@example.com>',
      );
      expect(formatFromAddress({ address: 'a@example.com' })).toBe('a@example.com');
    });
  });

  describe('translating failures', () => {
    it.each([
      [
        'TooManyRequests',
        new TooManyRequestsException({ message: 'slow', $metadata: $metadata(429) }),
      ],
      ['LimitExceeded', new LimitExceededException({ message: 'rate', $metadata: $metadata(400) })],
      ['an unmodeled 429', Object.assign(named('Throttling'), { $metadata: $metadata(429) })],
    ])('reports throttling when SES answers %s', async (_, error) => {
      ses.on(SendEmailCommand).rejects(error);
      const thrown = await sender()
        .send(anEmail())
        .catch((caught: unknown) => caught);
      expect(thrown).toBeInstanceOf(ProviderThrottledError);
      expect(thrown).toMatchObject({ channel: 'email', cause: error });
    });

    it.each([
      ['MessageRejected', new MessageRejected({ message: 'no', $metadata: $metadata(400) }), false],
      ['BadRequest', new BadRequestException({ message: 'bad', $metadata: $metadata(400) }), false],
      [
        'AccountSuspended',
        new AccountSuspendedException({ message: 'sus', $metadata: $metadata(400) }),
        true,
      ],
      [
        'SendingPaused',
        new SendingPausedException({ message: 'p', $metadata: $metadata(400) }),
        true,
      ],
      ['a refused connection', networkError('ECONNREFUSED'), true],
    ])('reports a definite failure when SES answers %s', async (_, error, retryable) => {
      ses.on(SendEmailCommand).rejects(error);
      const thrown = await sender()
        .send(anEmail())
        .catch((caught: unknown) => caught);
      expect(thrown).toBeInstanceOf(ProviderRejectedError);
      expect(thrown).toMatchObject({ channel: 'email', retryable });
    });

    it.each([
      ['a request timeout', named('TimeoutError')],
      ['an aborted request', named('AbortError')],
      ['a reset connection', networkError('ECONNRESET')],
      [
        'an internal error (5xx)',
        new InternalServiceErrorException({ message: 'oops', $metadata: $metadata(500) }),
      ],
      ['something unrecognised', new Error('who knows')],
    ])('reports an unknown outcome after %s', async (_, error) => {
      ses.on(SendEmailCommand).rejects(error);
      const thrown = await sender()
        .send(anEmail())
        .catch((caught: unknown) => caught);
      expect(thrown).toBeInstanceOf(ProviderOutcomeUnknownError);
      expect(thrown).toMatchObject({ channel: 'email', code: 'provider-outcome-unknown' });
    });

    it('reports an unknown outcome when SES accepts without a message id', async () => {
      ses.on(SendEmailCommand).resolves({});
      await expect(sender().send(anEmail())).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
    });
  });
});
