import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/**
 * The shop's HMAC key for address hashes. When a customer is erased, their phone number and
 * email survive only as HMACs under this key, so a withdrawal of consent or a suppression still
 * applies if the same address comes back, without keeping the address itself.
 *
 * The secret string is the key: 64 random letters and digits (about 380 bits), not JSON.
 */
export function createAddressHashSecret(scope: Construct, id: string): Secret {
  const secret = new Secret(scope, id, {
    description:
      'HMAC key for hashes of erased customers’ phone numbers and emails. Never rotate: old hashes would stop matching.',
    generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    // Losing the key orphans every stored hash: erased customers' opt-outs would stop matching.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'HMAC key for address hashes kept after erasure: rotating it would orphan every stored hash, so opt-outs of erased customers would stop matching. It is never rotated by design.',
  });
  return secret;
}
