import type { LintResult } from "../engine/types";
import { formatJson } from "./json";
import { TEST_RESULTS, testContext } from "./test-results";

describe("json", () => {
  test("is ESLint's: the result objects on one line, absolute paths and all", () => {
    const result: LintResult = {
      filePath: "/work/project/pg_hba.conf",
      kind: "hba",
      messages: [{ ruleId: "hba-trust-method", severity: 2, message: 'Method "trust".', line: 3, column: 36, endLine: 3, endColumn: 41, fix: { range: [119, 124], text: "md5" } }],
      suppressedMessages: [],
      errorCount: 1,
      warningCount: 0,
      fatalErrorCount: 0,
      fixableErrorCount: 1,
      fixableWarningCount: 0,
    };
    expect(formatJson([result], testContext())).toBe(
      '[{"filePath":"/work/project/pg_hba.conf","kind":"hba","messages":[{"ruleId":"hba-trust-method","severity":2,' +
        '"message":"Method \\"trust\\".","line":3,"column":36,"endLine":3,"endColumn":41,"fix":{"range":[119,124],"text":"md5"}}],' +
        '"suppressedMessages":[],"errorCount":1,"warningCount":0,"fatalErrorCount":0,"fixableErrorCount":1,"fixableWarningCount":0}]',
    );
  });

  test("keeps everything, suppressed messages and files without messages included", () => {
    expect(JSON.parse(formatJson(TEST_RESULTS, testContext()))).toEqual(TEST_RESULTS);
  });

  test("of no results is an empty array", () => {
    expect(formatJson([], testContext())).toBe("[]");
  });
});
