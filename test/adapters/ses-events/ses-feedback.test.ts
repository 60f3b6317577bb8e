import { describe, expect, it } from 'vitest';
import { readSesFeedback, snsMessages } from '../../../shared/adapters/ses-events/ses-feedback';

// Shaped as SES publishes through a configuration set's SNS destination (eventType, not
// notificationType; mail.tags present), after the examples in the SES developer guide.
const mail = {
  timestamp: '2026-03-02T02:14:05.120Z',
  source: '=?UTF-8?B?VGjhuqNvIE3hu5Fj?= <hello@thao-moc.vn>',
  sourceArn: 'arn:aws:ses:ap-southeast-1:111122223333:identity/thao-moc.vn',
  sendingAccountId: '111122223333',
  messageId: '0106018e0f4e0a9b-2c1f1e7a-5b77-4a33-9f0e-1c2d3e4f5a6b-000000',
  destination: ['lan.nguyen@gmail.com'],
  headersTruncated: false,
  headers: [{ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' }],
  commonHeaders: {
    from: ['hello@thao-moc.vn'],
    to: ['lan.nguyen@gmail.com'],
    subject: '[QC] Ưu đãi',
  },
  tags: {
    'ses:configuration-set': ['Regulars-thao-moc-Api-EmailConfigurationSet'],
    'ses:source-ip': ['203.0.113.7'],
    'ses:from-domain': ['thao-moc.vn'],
    'ses:caller-identity': ['Regulars-thao-moc-Api-DispatchSendFunctionRole'],
  },
};

const permanentBounce = {
  eventType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [
      {
        emailAddress: 'lan.nguyen@gmail.com',
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550-5.1.1 The email account that you tried to reach does not exist.',
      },
    ],
    timestamp: '2026-03-02T02:14:06.311Z',
    feedbackId: '0106018e0f4e0f00-8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-000000',
    reportingMTA: 'dsn; a7-12.smtp-out.ap-southeast-1.amazonses.com',
    remoteMtaIp: '142.250.4.27',
  },
  mail,
};

const complaint = {
  eventType: 'Complaint',
  complaint: {
    feedbackId: '0106018e10a1b2c3-5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d0e-000000',
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: 'Minh.Tran@Yahoo.com' }],
    timestamp: '2026-03-02T09:40:12.000Z',
    userAgent: 'Yahoo!-Mail-Feedback/2.0',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2026-03-02T09:40:10.000Z',
  },
  mail,
};

const read = (event: object) => readSesFeedback('sns-message-1', JSON.stringify(event));

describe('readSesFeedback', () => {
  describe('bounces', () => {
    it('suppresses each recipient of a permanent bounce, as of the bounce', () => {
      expect(read(permanentBounce)).toEqual({
        kind: 'suppress',
        eventType: 'Bounce',
        feedbackId: permanentBounce.bounce.feedbackId,
        suppressions: [
          {
            channel: 'email',
            address: 'lan.nguyen@gmail.com',
            reason: 'bounce',
            at: '2026-03-02T02:14:06.311Z',
          },
        ],
      });
    });

    it('suppresses every recipient when one event names several', () => {
      const event = {
        ...permanentBounce,
        bounce: {
          ...permanentBounce.bounce,
          bouncedRecipients: [
            { emailAddress: 'a@thao-moc-khach.vn' },
            { emailAddress: 'b@thao-moc-khach.vn' },
          ],
        },
      };
      const feedback = read(event);
      expect(feedback.kind === 'suppress' && feedback.suppressions.map((s) => s.address)).toEqual([
        'a@thao-moc-khach.vn',
        'b@thao-moc-khach.vn',
      ]);
    });

    it('suppresses an address SES did not even try, being on the account suppression list', () => {
      const event = {
        ...permanentBounce,
        bounce: { ...permanentBounce.bounce, bounceSubType: 'OnAccountSuppressionList' },
      };
      expect(read(event)).toMatchObject({ kind: 'suppress', suppressions: [{ reason: 'bounce' }] });
    });

    it('takes the bare address from a recipient given with a display name', () => {
      const event = {
        ...permanentBounce,
        bounce: {
          ...permanentBounce.bounce,
          bouncedRecipients: [{ emailAddress: 'Lan Nguyen <lan.nguyen@gmail.com>' }],
        },
      };
      expect(read(event)).toMatchObject({
        suppressions: [{ address: 'lan.nguyen@gmail.com' }],
      });
    });

    it.each(['Transient', 'Undetermined'])('only reports a %s bounce', (bounceType) => {
      const event = {
        ...permanentBounce,
        bounce: { ...permanentBounce.bounce, bounceType, bounceSubType: 'MailboxFull' },
      };
      expect(read(event)).toEqual({
        kind: 'ignore',
        eventType: 'Bounce',
        why: `${bounceType} bounce`,
        feedbackId: permanentBounce.bounce.feedbackId,
      });
    });
  });

  describe('complaints', () => {
    it('suppresses each complaining recipient, as of the complaint', () => {
      expect(read(complaint)).toEqual({
        kind: 'suppress',
        eventType: 'Complaint',
        feedbackId: complaint.complaint.feedbackId,
        suppressions: [
          {
            channel: 'email',
            address: 'Minh.Tran@Yahoo.com',
            reason: 'complaint',
            at: '2026-03-02T09:40:12.000Z',
          },
        ],
      });
    });

    it('suppresses on a complaint without a feedback report (no feedback type)', () => {
      const { complaintFeedbackType: _omitted, ...withoutType } = complaint.complaint;
      expect(read({ ...complaint, complaint: withoutType })).toMatchObject({ kind: 'suppress' });
    });

    it('does not suppress on a not-spam report', () => {
      const event = {
        ...complaint,
        complaint: { ...complaint.complaint, complaintFeedbackType: 'not-spam' },
      };
      expect(read(event)).toMatchObject({ kind: 'ignore', why: 'not-spam report' });
    });
  });

  describe('other events', () => {
    it('ignores an event type that is neither a bounce, a complaint nor a delivery', () => {
      const open = {
        eventType: 'Open',
        mail,
        open: { timestamp: '2026-03-02T02:20:06.000Z', ipAddress: '203.0.113.9', userAgent: 'x' },
      };
      expect(read(open)).toEqual({
        kind: 'ignore',
        eventType: 'Open',
        why: 'not a bounce, complaint or delivery',
      });
    });

    it('counts a delivery to the campaign its run tag names, else to its workflow', () => {
      const delivery = (tags: Record<string, string[]>) => ({
        eventType: 'Delivery',
        mail: { ...mail, tags: { ...mail.tags, ...tags } },
        delivery: {
          timestamp: '2026-03-02T02:14:06.000Z',
          processingTimeMillis: 811,
          recipients: ['lan.nguyen@gmail.com'],
          smtpResponse: '250 2.0.0 OK',
          reportingMTA: 'a7-12.smtp-out.ap-southeast-1.amazonses.com',
        },
      });
      expect(
        read(delivery({ workflow: ['promotion'], run: ['01JD3M2Q8W5X6Y7Z8A9B0C1D2E'] })),
      ).toEqual({
        kind: 'delivered',
        owner: 'campaign:01JD3M2Q8W5X6Y7Z8A9B0C1D2E',
        sesMessageId: mail.messageId,
      });
      expect(read(delivery({ workflow: ['win-back'] }))).toMatchObject({
        kind: 'delivered',
        owner: 'workflow:win-back',
      });
      expect(read(delivery({}))).toEqual({
        kind: 'ignore',
        eventType: 'Delivery',
        why: 'a delivery without a workflow tag, or of a test message',
      });
    });

    it("never counts a test message's delivery, as its sends are not counted", () => {
      const delivery = {
        eventType: 'Delivery',
        mail: {
          ...mail,
          tags: { workflow: ['test-message'], run: ['01JD3M2Q8W5X6Y7Z8A9B0C1D2E'] },
        },
      };
      expect(read(delivery)).toMatchObject({ kind: 'ignore', eventType: 'Delivery' });
    });
  });

  describe('malformed messages', () => {
    it('reports a message that is not JSON', () => {
      expect(readSesFeedback('m-1', 'Bounce!')).toEqual({
        kind: 'malformed',
        messageId: 'm-1',
        paths: ['(not JSON)'],
      });
    });

    it('reports the paths of what is missing, never the addresses', () => {
      const event = {
        ...permanentBounce,
        bounce: { ...permanentBounce.bounce, bouncedRecipients: [] },
      };
      const feedback = read(event);
      expect(feedback).toEqual({
        kind: 'malformed',
        messageId: 'sns-message-1',
        paths: ['bounce.bouncedRecipients'],
      });
      expect(JSON.stringify(feedback)).not.toContain('@');
    });

    it('reports an old-style identity notification (notificationType, no eventType)', () => {
      const { eventType: _omitted, ...rest } = permanentBounce;
      expect(read({ ...rest, notificationType: 'Bounce' })).toMatchObject({
        kind: 'malformed',
        paths: ['eventType'],
      });
    });
  });
});

describe('snsMessages', () => {
  it('returns each record message of an SNS event', () => {
    const event = {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'arn:aws:sns:ap-southeast-1:111122223333:feedback:2f1e',
          Sns: {
            Type: 'Notification',
            MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
            TopicArn: 'arn:aws:sns:ap-southeast-1:111122223333:feedback',
            Subject: null,
            Message: JSON.stringify(complaint),
            Timestamp: '2026-03-02T09:40:13.000Z',
            MessageAttributes: {},
          },
        },
      ],
    };
    expect(snsMessages(event)).toEqual([
      { messageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e', message: JSON.stringify(complaint) },
    ]);
  });

  it.each([{}, { Records: [] }, { Records: [{ Sns: {} }] }, 'text'])(
    'returns undefined for %j, which is not an SNS event',
    (event) => {
      expect(snsMessages(event)).toBeUndefined();
    },
  );
});
