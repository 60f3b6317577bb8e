import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseSendingContext } from './sending-context';
import { parseShopId } from './shop-id';
import { createShopStacks, type ShopStacks } from './shop-stacks';

export interface ShopAppProps extends AppProps {
  /** @default the repository's functions/ directory */
  readonly functionsRoot?: string;
}

/**
 * The CDK app for the shop named by the `shopId` context value, with cdk-nag's AWS Solutions
 * checks. `infra/app.ts` synthesizes it for the CLI; the tests build the very same app.
 *
 * Sending takes three more context values: `senderIdentity` (required: the SES identity the
 * shop's email comes from), `smsSpendAlarmUsd` (default 0.8) and `alarmEmail` (optional).
 */
export function createShopApp(props: ShopAppProps = {}): { app: App; stacks: ShopStacks } {
  const { functionsRoot, ...appProps } = props;
  const app = new App(appProps);
  const shopId = parseShopId(app.node.tryGetContext('shopId'));
  const sending = parseSendingContext({
    senderIdentity: app.node.tryGetContext('senderIdentity'),
    smsSpendAlarmUsd: app.node.tryGetContext('smsSpendAlarmUsd'),
    alarmEmail: app.node.tryGetContext('alarmEmail'),
  });
  const stacks = createShopStacks(app, { shopId, functionsRoot, ...sending });
  // cdk-nag v3 is a policy-validation plugin, not an aspect: synthesis fails on any
  // unacknowledged error, and the report lands in the cloud assembly's validation-report.json.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}
