import { parseConf } from "../model/conf";
import { ClusterView } from "./cluster";

describe("ClusterView: the catalog's answers about a setting line's name", () => {
  test("parameterOf / keyOf agree with parameter / key, and a line shared by views of two versions gets each version's answer", () => {
    const document = parseConf("Allow_Alter_System = off\nwork_mem = 4MB\nnot_a_parameter = 1\n", { fileName: "/data/postgresql.conf" });
    const file = { path: "/data/postgresql.conf", document, isAutoConf: false };
    const [allow, workMem, unknown] = document.settings;
    // allow_alter_system came in PostgreSQL 17.
    for (const version of [18, 16, 18] as const) {
      const cluster = new ClusterView(version, [file], [], []);
      expect(cluster.parameterOf(allow!)?.name).toBe(version >= 17 ? "allow_alter_system" : undefined);
      expect(cluster.parameterOf(allow!)).toBe(cluster.parameter("Allow_Alter_System"));
      expect(cluster.keyOf(allow!)).toBe("allow_alter_system");
      expect(cluster.parameterOf(workMem!)?.name).toBe("work_mem");
      expect(cluster.parameterOf(unknown!)).toBeUndefined();
      expect(cluster.isKnown(unknown!.name)).toBe(false);
    }
  });
});
