import {
  AuthorizationErrorException,
  ListPhoneNumbersOptedOutCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SnsOptOutList } from '../../shared/adapters/sms/sns-opt-out-list';

// SNS has no local emulator for the opt-out list; the client is mocked to page and fail.
const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

const list = () => new SnsOptOutList(new SNSClient({ region: 'ap-southeast-1' }));

async function all(numbers: AsyncIterable<string>): Promise<string[]> {
  const read: string[] = [];
  for await (const number of numbers) read.push(number);
  return read;
}

describe('SnsOptOutList', () => {
  describe('paging', () => {
    it('reads every page, passing each nextToken on, until a page has none', async () => {
      const pages: Record<string, { phoneNumbers: string[]; nextToken?: string }> = {
        first: { phoneNumbers: ['+84912345678', '+84987654321'], nextToken: 'page-2' },
        'page-2': { phoneNumbers: [], nextToken: 'page-3' },
        'page-3': { phoneNumbers: ['+84901234567'] },
      };
      // Recorded as each call is made: the paginator reuses one input object across pages.
      const asked: (string | undefined)[] = [];
      sns.on(ListPhoneNumbersOptedOutCommand).callsFake(({ nextToken }: { nextToken?: string }) => {
        asked.push(nextToken);
        return pages[nextToken ?? 'first'];
      });

      await expect(all(list())).resolves.toEqual(['+84912345678', '+84987654321', '+84901234567']);
      expect(asked).toEqual([undefined, 'page-2', 'page-3']);
    });

    it('yields nothing when the account has no opted-out number', async () => {
      sns.on(ListPhoneNumbersOptedOutCommand).resolves({});
      await expect(all(list())).resolves.toEqual([]);
      expect(sns.commandCalls(ListPhoneNumbersOptedOutCommand)).toHaveLength(1);
    });

    it('reads the list again from the start when iterated again', async () => {
      sns.on(ListPhoneNumbersOptedOutCommand).resolves({ phoneNumbers: ['+84912345678'] });
      const numbers = list();
      expect(await all(numbers)).toEqual(await all(numbers));
      expect(sns.commandCalls(ListPhoneNumbersOptedOutCommand)).toHaveLength(2);
    });
  });

  describe('failures', () => {
    it('throws the SNS error of a failed page, after yielding the pages before it', async () => {
      sns
        .on(ListPhoneNumbersOptedOutCommand)
        .resolves({ phoneNumbers: ['+84912345678'], nextToken: 'page-2' })
        .on(ListPhoneNumbersOptedOutCommand, { nextToken: 'page-2' })
        .rejects(new AuthorizationErrorException({ message: 'denied', $metadata: {} }));
      const read: string[] = [];
      await expect(async () => {
        for await (const number of list()) read.push(number);
      }).rejects.toBeInstanceOf(AuthorizationErrorException);
      expect(read).toEqual(['+84912345678']);
    });
  });
});
