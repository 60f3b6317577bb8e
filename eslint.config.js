import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.regulars/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The core and the workflow engine stay pure: no AWS SDK, no environment, no wall clock.
    files: ['shared/core/**/*.ts', 'workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@aws-sdk/*',
            '@aws-lambda-powertools/*',
            '@middy/*',
            'node:*',
            '!node:crypto',
            '**/adapters/**',
            '**/functions/**',
            '**/infra/**',
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Configuration is injected, not read.' },
        { object: 'Date', property: 'now', message: 'Time comes from the injected Clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time comes from the injected Clock.',
        },
        { selector: "MemberExpression[object.name='console']", message: 'The core does not log.' },
      ],
    },
  },
);
