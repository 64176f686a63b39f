// Prints one plain closing line, "N passed, N failed[, N skipped]", after jest's own summary,
// so that CI logs say how many tests ran in a form any reader can parse.
class SummaryLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : "");
    process.stdout.write(`\n${line}\n`);
  }
}
module.exports = SummaryLineReporter;
