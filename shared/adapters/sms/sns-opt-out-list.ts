import { paginateListPhoneNumbersOptedOut, type SNSClient } from '@aws-sdk/client-sns';

/**
 * The AWS account's SMS opt-out list, as SNS keeps it: the numbers (E.164, as SNS gives them)
 * that replied STOP or were opted out by hand. Read page by page (`nextToken`), so the whole list
 * is never held at once; iterating again reads it again.
 */
export class SnsOptOutList implements AsyncIterable<string> {
  constructor(private readonly sns: SNSClient) {}

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for await (const page of paginateListPhoneNumbersOptedOut({ client: this.sns }, {})) {
      yield* page.phoneNumbers ?? [];
    }
  }
}
