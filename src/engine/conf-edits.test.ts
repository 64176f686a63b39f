import { lintCluster } from "../../test/helpers/lint-cluster";
import { insertSettingEdits } from "./conf-edits";
import { buildCluster } from "./cluster";
import { memoryReader } from "../views/file-settings";
import { applyEdits } from "../fix";

function insert(conf: string, name: string, value: string): string {
  const cluster = buildCluster(18, { mainPath: "/db/postgresql.conf", reader: memoryReader({ "/db/postgresql.conf": conf }) }, [], []);
  const edits = insertSettingEdits(cluster, name, value)!;
  return applyEdits(conf, [edits.edits]).output;
}

describe("where a missing setting goes", () => {
  test("right after the stock commented-out line", () => {
    expect(insert("# - SSL -\n\n#ssl = off\n#ssl_ca_file = ''\n", "ssl", "on")).toBe("# - SSL -\n\n#ssl = off\nssl = on\n#ssl_ca_file = ''\n");
  });
  test("under the stock section header when the commented line is gone (from the catalog's sampleSection)", () => {
    expect(insert("# - Memory -\n\nwork_mem = 4MB\n\n# - SSL -\n\nssl_cert_file = 'a.crt'\n", "ssl", "on")).toBe("# - Memory -\n\nwork_mem = 4MB\n\n# - SSL -\n\nssl = on\nssl_cert_file = 'a.crt'\n");
  });
  test("at the end otherwise, CRLF kept, a missing final newline added first", () => {
    expect(insert("work_mem = 4MB\r\nport = 5432", "ssl", "on")).toBe("work_mem = 4MB\r\nport = 5432\r\nssl = on\r\n");
  });
});

test("the harness still lints", () => {
  expect(lintCluster({ "postgresql.conf": "" }, { extends: [] }).lines).toEqual([]);
});
