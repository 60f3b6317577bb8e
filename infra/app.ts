import { createShopApp } from './shop-app';

// `cdk synth -c shopId=<shop>` (cdk.json defaults it to `demo`). The stacks are
// environment-agnostic on purpose: synth works offline with no credentials, and `cdk deploy`
// takes the account and region of whatever credentials it runs with.
createShopApp().app.synth();
