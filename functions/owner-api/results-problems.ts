import { HttpProblem } from '../../shared/adapters/http/http-problem';

/**
 * The 404s of the results and template routes. Raised as HttpProblem so they need no entry in the
 * shared error mapper; the `type` follows the core errors' `/problems/<code>` convention.
 */
export function campaignNotFound(campaignId: string): HttpProblem {
  return new HttpProblem({
    type: '/problems/campaign-not-found',
    title: 'No such campaign',
    status: 404,
    detail: `No campaign ${campaignId}`,
  });
}

export function templateNotFound(templateId: string): HttpProblem {
  return new HttpProblem({
    type: '/problems/template-not-found',
    title: 'No such template',
    status: 404,
    detail: `No template ${templateId}: neither a built-in one nor one of the shop's own`,
  });
}
