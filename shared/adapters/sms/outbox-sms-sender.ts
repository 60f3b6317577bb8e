import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock, IdGenerator } from '../../core/ports';
import type { OutgoingSms, SendReceipt, SmsSender } from '../../core/messaging/senders';
import { measureSms } from '../../core/templates/sms-encoding';
import type { SmsOutboxEntry } from './sms-outbox';

/**
 * The local stand-in for SNS: appends each SMS as one JSON line to a file the owner can read
 * (and the local server shows at `/local-sms-outbox`). One `appendFile` per message, so lines
 * written by concurrent sends do not interleave.
 */
export class OutboxSmsSender implements SmsSender {
  constructor(
    private readonly path: string,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async send(sms: OutgoingSms): Promise<SendReceipt> {
    const { encoding, segments } = measureSms(sms.text);
    const entry: SmsOutboxEntry = {
      id: `outbox-${this.ids.newId()}`,
      time: this.clock.now().toISOString(),
      to: sms.to,
      senderId: sms.senderId,
      type: sms.type,
      text: sms.text,
      encoding,
      segments,
    };
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${JSON.stringify(entry)}\n`, 'utf8');
    return { providerMessageId: entry.id };
  }
}
