import { z } from 'zod';
import type { UnsubscribeMeta } from '../../shared/core/messaging/unsubscribe';
import type { RouteRequest } from './http-route';

/**
 * The token is checked by its signature, not by a pattern here: every invalid link, whatever is
 * wrong with it, gets the same 404.
 */
export const UnsubscribeLinkPath = z.object({ token: z.string().max(256) });

/** RFC 8058's one-click body; the confirmation page's button adds `via=page`. */
export const OneClickForm = z.object({
  'List-Unsubscribe': z.literal('One-Click'),
  via: z.literal('page').optional(),
});

const IpAddress = z.union([z.ipv4(), z.ipv6()]);

/** Where the click came from, for the consent record. */
export function unsubscribeMeta(request: RouteRequest): UnsubscribeMeta {
  const ip = IpAddress.safeParse(request.event.requestContext.http.sourceIp);
  const userAgent = request.header('user-agent');
  return {
    ...(ip.success && { ip: ip.data }),
    ...(userAgent !== undefined && userAgent !== '' && { userAgent: userAgent.slice(0, 512) }),
  };
}
