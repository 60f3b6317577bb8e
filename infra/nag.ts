import { Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's IAM5 finding for one wildcard resource on one construct, and nothing
 * else: cdk-nag names each finding after the resource as it appears in the template, so the
 * name is derived here the same way instead of being copied from a synth report by hand.
 *
 * The resource must not be a raw cross-stack reference (its rendering changes during synthesis);
 * import it with `Stack.exportValue` first.
 */
export function acknowledgeWildcardResource(
  scope: IConstruct,
  resource: string,
  reason: string,
): void {
  const finding = flattenCfnReference(Stack.of(scope).resolve(resource));
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${finding}]`, reason });
}

/** A reference usable from `consumer`'s stack, imported explicitly when it lives elsewhere. */
export function importedInto(consumer: IConstruct, producer: IConstruct, value: string): string {
  const producerStack = Stack.of(producer);
  return producerStack === Stack.of(consumer) ? value : producerStack.exportValue(value);
}
