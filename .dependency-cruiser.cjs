/**
 * The import rule (docs/ARCHITECTURE.md): a server or web module is reached from outside its
 * folder only through its index.ts; packages never import apps; the rules engine imports
 * nothing of ours and does no I/O.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-through-index',
      comment: 'Import another module only through its index.ts',
      severity: 'error',
      from: { path: '^apps/(server|web)/src/modules/([^/]+)/' },
      to: {
        path: '^apps/(server|web)/src/modules/([^/]+)/.+',
        pathNot: ['^apps/$1/src/modules/$2/', '^apps/(server|web)/src/modules/[^/]+/index\\.tsx?$'],
      },
    },
    {
      name: 'outside-module-through-index',
      comment: 'Code outside a module reaches it only through its index.ts',
      severity: 'error',
      from: { path: '^apps/(server|web)/src/', pathNot: '^apps/(server|web)/src/modules/' },
      to: { path: '^apps/(server|web)/src/modules/[^/]+/.+', pathNot: '^apps/(server|web)/src/modules/[^/]+/index\\.tsx?$' },
    },
    {
      name: 'packages-do-not-import-apps',
      severity: 'error',
      from: { path: '^(packages|catalog)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'rules-is-pure',
      comment: 'The rules engine has no I/O: no fs, net, http, child_process, database',
      severity: 'error',
      // The conformance runner and test support read suites and fixtures from disk; neither is
      // exported from index.ts, so the library itself stays free of I/O.
      from: { path: '^packages/rules/src/', pathNot: '\\.test\\.ts$|/cli/|/node/|test-support\\.ts$|conformance\\.ts$' },
      to: { path: '^(fs|node:fs|net|node:net|http|node:http|https|node:https|child_process|node:child_process|pg|@electric-sql)' , dependencyTypes: ['core', 'npm'] },
    },
    {
      name: 'no-circular',
      comment: 'Type-only imports vanish at run time and may go both ways',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js'] },
  },
};
