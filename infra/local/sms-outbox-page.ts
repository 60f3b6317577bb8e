import type { ServerResponse } from 'node:http';
import { readSmsOutbox, type SmsOutboxEntry } from '../../shared/adapters/sms/sms-outbox';
import { escapeHtml } from '../../shared/core/escape-html';

/** Where the local server shows the SMS outbox. */
export const smsOutboxPath = '/local-sms-outbox';

function entryHtml(entry: SmsOutboxEntry): string {
  const from = entry.senderId === null ? '(no sender id)' : entry.senderId;
  const cost = `${entry.encoding}, ${entry.segments} segment${entry.segments === 1 ? '' : 's'}`;
  return [
    '<li>',
    `<p class="meta"><time>${escapeHtml(entry.time)}</time> · to <b>${escapeHtml(entry.to)}</b>`,
    ` from ${escapeHtml(from)} · ${escapeHtml(entry.type)} · ${escapeHtml(cost)}</p>`,
    `<pre>${escapeHtml(entry.text)}</pre>`,
    '</li>',
  ].join('');
}

/** The outbox as an HTML page, newest first; every value escaped, Vietnamese kept as UTF-8. */
export function smsOutboxHtml(entries: readonly SmsOutboxEntry[], filePath: string): string {
  const items = [...entries].reverse().map(entryHtml).join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>SMS outbox (${entries.length})</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
ol { list-style: none; padding: 0; }
li { border-bottom: 1px solid #ddd; padding: 0.5rem 0; }
.meta { color: #555; font-size: 0.9rem; margin: 0; }
pre { white-space: pre-wrap; font: inherit; margin: 0.25rem 0 0; }
</style>
</head>
<body>
<h1>SMS outbox</h1>
<p>Messages the local stack would have sent through SNS, newest first. File: <code>${escapeHtml(filePath)}</code></p>
${entries.length === 0 ? '<p>No SMS yet.</p>' : `<ol>\n${items}\n</ol>`}
</body>
</html>
`;
}

/** Serves the outbox file as {@link smsOutboxHtml}. */
export async function serveSmsOutbox(response: ServerResponse, filePath: string): Promise<void> {
  const body = smsOutboxHtml(await readSmsOutbox(filePath), filePath);
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}
