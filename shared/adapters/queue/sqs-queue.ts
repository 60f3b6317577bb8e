import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue, SendOptions } from '../../core/ports';

/** A job queue on SQS; the body is the message as JSON, parsed by the worker's schema. */
export class SqsJobQueue<Message> implements JobQueue<Message> {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(message: Message, options: SendOptions = {}): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        ...(options.delaySeconds ? { DelaySeconds: Math.round(options.delaySeconds) } : {}),
      }),
    );
  }
}
