// One lint configuration for the whole repository: TypeScript everywhere, Vue in the client,
// Prettier owns formatting (eslint-config-prettier turns off the rules it would fight).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.tsbuild/**', 'tests/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // One policy decides every access (issue 10): health roles, actor kinds and membership checks are
    // read in shared/src/policy/ only. Elsewhere, ask can() or a named policy function.
    files: ['server/src/**/*.ts', 'shared/src/**/*.ts'],
    ignores: ['shared/src/policy/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name=/^(healthRole|accessManager)$/][object.name='actor']",
          message: "The actor's role is read in shared/src/policy/ only: ask can() or a policy function.",
        },
        {
          selector:
            "MemberExpression[property.name=/^(healthRole|accessManager)$/][object.property.name='actor']",
          message: "The actor's role is read in shared/src/policy/ only: ask can() or a policy function.",
        },
        {
          selector:
            ":matches(BinaryExpression, LogicalExpression[operator!='??'], IfStatement, ConditionalExpression, UnaryExpression) > MemberExpression[property.name='healthRole']",
          message: 'Health roles are compared in shared/src/policy/ only: ask can() or a policy function.',
        },
        {
          selector: "MemberExpression[property.name='kind'][object.name='actor']",
          message:
            'actor.kind is read in shared/src/policy/ only: ask can() or use professionalIdOf()/memberIdOf().',
        },
        {
          selector: "MemberExpression[property.name='kind'][object.property.name='actor']",
          message:
            'actor.kind is read in shared/src/policy/ only: ask can() or use professionalIdOf()/memberIdOf().',
        },
        {
          selector:
            "BinaryExpression > MemberExpression[property.name=/^(userId|memberId|organisationId|familyId)$/][object.name='actor']",
          message:
            'Membership and identity checks belong to shared/src/policy/: ask can() or a policy function.',
        },
        {
          selector:
            "BinaryExpression > MemberExpression[property.name=/^(userId|memberId|organisationId|familyId)$/][object.property.name='actor']",
          message:
            'Membership and identity checks belong to shared/src/policy/: ask can() or a policy function.',
        },
      ],
    },
  },
  prettier,
);
