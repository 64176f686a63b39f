import { addedInLaterVersion, editDistance, isKnownParameter, loadCatalog, lookupParameter, removedParameter, suggestParameterNames } from "./index";

describe("catalog data", () => {
  test.each([10, 12, 15, 18])("PostgreSQL %i has the core parameters with their pg_settings facts", (version) => {
    const catalog = loadCatalog(version);
    expect(catalog.version).toBe(version);
    expect(catalog.serverVersion.startsWith(`${version}.`)).toBe(true);
    const sharedBuffers = lookupParameter(catalog, "Shared_Buffers");
    expect(sharedBuffers).toMatchObject({ name: "shared_buffers", vartype: "integer", unit: "8kB", context: "postmaster", min: 16 });
    expect(lookupParameter(catalog, "ssl")).toMatchObject({ vartype: "bool", context: "sighup", bootVal: "off" });
    expect(lookupParameter(catalog, "auth_delay.milliseconds")).toMatchObject({ module: "auth_delay", vartype: "integer", unit: "ms" });
    expect(lookupParameter(catalog, "pg_stat_statements.max")?.module).toBe("pg_stat_statements");
  });

  test("password_encryption: boolean-like in 10-13, an enum with scram-sha-256 default from 14", () => {
    expect(lookupParameter(loadCatalog(13), "password_encryption")).toMatchObject({ vartype: "enum", bootVal: "md5" });
    expect(lookupParameter(loadCatalog(14), "password_encryption")).toMatchObject({ vartype: "enum", bootVal: "scram-sha-256", enumvals: ["md5", "scram-sha-256"] });
  });

  test("names fold ASCII case only, as guc_name_compare does: the Kelvin sign is not a k", () => {
    const catalog = loadCatalog(18);
    expect(lookupParameter(catalog, "WORK_MEM")?.name).toBe("work_mem");
    expect(lookupParameter(catalog, "wor\u212A_mem")).toBeUndefined();
    expect(isKnownParameter(catalog, "wor\u212A_mem")).toBe(false);
  });

  test("mixed-case names (TimeZone, DateStyle) are found in any case", () => {
    const catalog = loadCatalog(18);
    expect(lookupParameter(catalog, "timezone")?.name).toBe("TimeZone");
    expect(lookupParameter(catalog, "DATESTYLE")?.name).toBe("DateStyle");
    expect(isKnownParameter(catalog, "intervalstyle")).toBe(true);
  });

  test("hidden names are known but not listed", () => {
    const catalog = loadCatalog(18);
    expect(lookupParameter(catalog, "sort_mem")).toBeUndefined();
    expect(isKnownParameter(catalog, "sort_mem")).toBe(true);
    expect(isKnownParameter(catalog, "ssl_ecdh_curve")).toBe(true);
    expect(isKnownParameter(loadCatalog(17), "ssl_ecdh_curve")).toBe(true);
    expect(isKnownParameter(catalog, "wal_keep_segments")).toBe(false);
  });

  test("an unsupported version is a clear error", () => {
    expect(() => loadCatalog(9)).toThrow("no parameter catalog for PostgreSQL 9");
  });
});

describe("removed and renamed parameters", () => {
  test("derived from the catalogs, with the replacement", () => {
    expect(removedParameter("wal_keep_segments", 13)).toEqual({ name: "wal_keep_segments", removedIn: "13", replacement: "wal_keep_size", note: expect.stringContaining("wal_segment_size") });
    expect(removedParameter("wal_keep_segments", 12)).toBeUndefined();
    expect(removedParameter("STATS_TEMP_DIRECTORY", 18)?.removedIn).toBe("15");
    expect(removedParameter("force_parallel_mode", 16)).toMatchObject({ removedIn: "16", replacement: "debug_parallel_query" });
    expect(removedParameter("ssl_ecdh_curve", 18)).toMatchObject({ removedIn: "18", replacement: "ssl_groups" });
  });

  test("removed before 10: from the release notes list", () => {
    expect(removedParameter("custom_variable_classes", 12)).toMatchObject({ removedIn: "9.2" });
    expect(removedParameter("checkpoint_segments", 18)).toMatchObject({ removedIn: "9.5", replacement: "max_wal_size" });
  });

  test("a parameter of a later version", () => {
    expect(addedInLaterVersion("wal_keep_size", 12)).toBe(13);
    expect(addedInLaterVersion("io_method", 16)).toBe(18);
    expect(addedInLaterVersion("work_mem", 12)).toBeUndefined();
  });
});

describe("did-you-mean", () => {
  test("edit distance counts a transposition as one edit", () => {
    expect(editDistance("shared_bufers", "shared_buffers")).toBe(1);
    expect(editDistance("wrok_mem", "work_mem")).toBe(1);
    expect(editDistance("abc", "")).toBe(3);
  });

  test("suggests the closest names of the target version", () => {
    const catalog = loadCatalog(18);
    expect(suggestParameterNames(catalog, "shared_bufers")[0]).toBe("shared_buffers");
    expect(suggestParameterNames(catalog, "max_conections")).toEqual(["max_connections"]);
    expect(suggestParameterNames(catalog, "Log_Min_Duration_Statment")[0]).toBe("log_min_duration_statement");
    expect(suggestParameterNames(catalog, "zzzzzzzz")).toEqual([]);
  });
});
