import {
  ChangeMessageVisibilityCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** The message attribute naming why a job was dead-lettered by its consumer. */
export const DEAD_LETTER_REASON_ATTRIBUTE = 'DeadLetterReason';

/**
 * What a consumer does to a received message besides acknowledging it: hold it back before its
 * next delivery (ChangeMessageVisibility), or move it to the dead-letter queue itself, with the
 * reason as a message attribute, when retrying cannot help.
 */
export class SqsRedelivery {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    /** Unset: dead-lettering fails, the record is retried and SQS's redrive moves it eventually. */
    private readonly deadLetterQueueUrl: string | undefined,
  ) {}

  async retryAfter(receiptHandle: string, seconds: number): Promise<void> {
    await this.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: Math.round(seconds),
      }),
    );
  }

  async deadLetter(body: string, reason: string): Promise<void> {
    if (this.deadLetterQueueUrl === undefined)
      throw new Error(
        'No dead-letter queue URL (DEAD_LETTER_QUEUE_URL; forwardsToDeadLetterQueue in functions/queues.ts): cannot dead-letter the job',
      );
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.deadLetterQueueUrl,
        MessageBody: body,
        MessageAttributes: {
          [DEAD_LETTER_REASON_ATTRIBUTE]: { DataType: 'String', StringValue: reason },
        },
      }),
    );
  }
}
