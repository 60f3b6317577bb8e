import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseShopId } from './shop-id';
import { createShopStacks } from './shop-stacks';

// `cdk synth -c shopId=<shop>` (cdk.json defaults it to `demo`). Environment-agnostic on
// purpose: synth works offline with no credentials, and `cdk deploy` takes the account and
// region of whatever credentials it runs with.
const app = new App();
const shopId = parseShopId(app.node.tryGetContext('shopId'));
createShopStacks(app, { shopId });

// cdk-nag v3 is a policy-validation plugin: any unacknowledged AwsSolutions error fails synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

app.synth();
