import {
  AccountSuspendedException,
  BadRequestException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  SendEmailCommand,
  SendingPausedException,
  TooManyRequestsException,
  type SESv2Client,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import {
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderThrottledError,
  type ProviderSendError,
} from '../../core/messaging/errors';
import type {
  EmailAddress,
  EmailSender,
  OutgoingEmail,
  SendReceipt,
} from '../../core/messaging/senders';
import { translateUnmodeledFailure } from '../provider-failure';

// A display name is sent as is only when it is printable ASCII; anything else (a Vietnamese shop
// name) is an RFC 2047 encoded-word, which SES requires for non-ASCII display names.
const printableAscii = /^[\x20-\x7e]*$/;

/** `"Name" <address>`, or the bare address when there is no name. */
export function formatFromAddress(from: EmailAddress): string {
  if (from.name === undefined || from.name === '') return from.address;
  const name = printableAscii.test(from.name)
    ? `"${from.name.replace(/["\\]/g, (char) => `\\${char}`)}"`
    : `=?UTF-8?B?${Buffer.from(from.name, 'utf8').toString('base64')}?=`;
  return `${name} <${from.address}>`;
}

/** The SES v2 request for one email: Simple content, both parts, the unsubscribe headers. */
export function sendEmailInput(email: OutgoingEmail): SendEmailCommandInput {
  const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
  return {
    FromEmailAddress: formatFromAddress(email.from),
    Destination: { ToAddresses: [email.to] },
    Content: {
      Simple: {
        Subject: utf8(email.subject),
        Body: { Html: utf8(email.html), Text: utf8(email.text) },
        Headers: Object.entries(email.headers).map(([Name, Value]) => ({ Name, Value })),
      },
    },
    ConfigurationSetName: email.configurationSetName,
    EmailTags: email.tags
      ? Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value }))
      : undefined,
  };
}

/** SES v2's exceptions, by class, in the dispatcher's three outcomes. */
export function translateSesFailure(error: unknown): ProviderSendError {
  const options = { cause: error };
  if (error instanceof TooManyRequestsException || error instanceof LimitExceededException) {
    return new ProviderThrottledError('email', error.name, options);
  }
  // The message will be refused again as it is.
  if (
    error instanceof MessageRejected ||
    error instanceof BadRequestException ||
    error instanceof NotFoundException ||
    error instanceof MailFromDomainNotVerifiedException
  ) {
    return new ProviderRejectedError('email', error.name, false, options);
  }
  // Nothing was sent, and the account may be allowed to send again later.
  if (error instanceof AccountSuspendedException || error instanceof SendingPausedException) {
    return new ProviderRejectedError('email', error.name, true, options);
  }
  return translateUnmodeledFailure('email', error);
}

export interface SenderOptions {
  /** Each send is abandoned (and reported as an unknown outcome) after this long; 10 s default. */
  readonly timeoutMs?: number;
}

/**
 * Sends email through SES v2. Build the client with `maxAttempts: 1`: an SDK retry after a lost
 * response could deliver twice, and the dispatcher owns retries through its claim. The send is
 * bounded by `timeoutMs` here, because the SDK's own `requestTimeout` only logs a warning unless
 * `throwOnRequestTimeout` is set.
 */
export class SesEmailSender implements EmailSender {
  private readonly timeoutMs: number;

  constructor(
    private readonly client: SESv2Client,
    options: SenderOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async send(email: OutgoingEmail): Promise<SendReceipt> {
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.client.send(
        new SendEmailCommand(sendEmailInput(email)),
        {
          abortSignal: AbortSignal.timeout(this.timeoutMs),
        },
      ));
    } catch (error) {
      throw translateSesFailure(error);
    }
    // Accepted, yet no id to record: the send happened, so it must not be repeated.
    if (!messageId) throw new ProviderOutcomeUnknownError('email', 'MissingMessageId');
    return { providerMessageId: messageId };
  }
}
