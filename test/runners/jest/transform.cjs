// A Jest transformer for gort's TypeScript: type erasure only, output stays an ES module.
const ts = require("typescript");

module.exports = {
  process(source, filename) {
    const out = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
        isolatedModules: true,
        sourceMap: false,
        inlineSourceMap: true,
        inlineSources: true,
      },
    });
    return { code: out.outputText };
  },
};
