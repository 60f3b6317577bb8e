import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * The shop owner's sign-in. One account, created by the operator (no self sign-up), that can
 * read and export every customer's personal data; it is guarded accordingly.
 */
export class OwnerUserPool extends Construct {
  readonly userPool: UserPool;
  /** The owner's app (browser or CLI): public client, so no secret; SRP keeps the password off the wire. */
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // An unverified new address must not take over sign-in or recovery.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 5,
        tempPasswordValidity: Duration.days(3),
      },
      // Required, TOTP only: there is one user and that user holds the whole customer file, so a
      // phished password alone must not be enough. TOTP costs nothing; SMS codes cost money per
      // message and fall to SIM swaps.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier for threat protection (blocks sign-ins with leaked passwords or risky
      // patterns). It is billed per monthly active user with no free tier, and a shop has one
      // or two: cents a month.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      // Deleting the stack must not lock the owner out of a retained table.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('OwnerAppClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI: the owner's app signs in with SRP directly, so no OAuth flows to expose.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }
}
