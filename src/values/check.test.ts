import { checkValue } from "./check";
import { MEMORY_UNITS_HINT, TIME_UNITS_HINT } from "./units";
import * as p from "./test-parameters";

const INT_RANGE = "Value exceeds integer range.";

describe("checkValue: integers with memory units", () => {
  test.each([
    ["4MB", 4096, "MB"],
    ["4096", 4096, null],
    ["1.5MB", 1536, "MB"],
    ["0x10MB", 16384, "MB"], // strtol base 0: hex
    ["0100", 64, null], // leading zero: octal
    ["1e3", 1000, null], // strtol stops at "e": re-read by strtod
    ["64.5", 64, null], // rint: half to even
    ["65.5", 66, null],
    [" 5MB ", 5120, "MB"], // strtol skips leading spaces; spaces after the unit are allowed
    ["5 \tMB", 5120, "MB"],
    ["1TB", 1073741824, "TB"],
    ["2147483647", 2147483647, null],
  ])("work_mem = '%s' is %d kB", (value, kb, unit) => {
    expect(checkValue(p.workMem, value, 16)).toEqual({ ok: true, value: kb, baseValue: kb, unit });
  });

  test.each([
    ["1 gb", MEMORY_UNITS_HINT],
    ["1Mb", MEMORY_UNITS_HINT],
    ["08", MEMORY_UNITS_HINT], // octal stops at 8, which is then read as a unit
    ["0x", MEMORY_UNITS_HINT], // "0" converted, "x" is the unit
    ["1 kBx", MEMORY_UNITS_HINT],
    ["1 MB x", MEMORY_UNITS_HINT],
    ["99999999999", INT_RANGE],
    ["2TB", INT_RANGE],
    ["2147483648", INT_RANGE],
    ["-.5", undefined], // strtol converts nothing and does not stop at "."
    ["inf", undefined],
    ["", undefined],
    ["MB", undefined],
    ["1e400", undefined],
  ])("work_mem = '%s' is invalid", (value, hint) => {
    const expected = hint === undefined ? { ok: false, message: `invalid value for parameter "work_mem": "${value}"` } : { ok: false, message: `invalid value for parameter "work_mem": "${value}"`, hint };
    expect(checkValue(p.workMem, value, 16)).toEqual(expected);
  });

  test("range messages: 12–16 print the bounds bare, 17 (17.10, checked on the oracle) and 18 with the unit", () => {
    expect(checkValue(p.workMem, "10kB", 12)).toEqual({ ok: false, message: '10 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)' });
    expect(checkValue(p.workMem, "10kB", 16)).toEqual({ ok: false, message: '10 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)' });
    expect(checkValue(p.workMem, "10kB", 17)).toEqual({ ok: false, message: '10 kB is outside the valid range for parameter "work_mem" (64 kB .. 2147483647 kB)' });
    expect(checkValue(p.workMem, "10kB", 18)).toEqual({ ok: false, message: '10 kB is outside the valid range for parameter "work_mem" (64 kB .. 2147483647 kB)' });
    expect(checkValue(p.workMem, "010", 16)).toEqual({ ok: false, message: '8 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)' });
    expect(checkValue(p.workMem, "100B", 16)).toEqual({ ok: false, message: '0 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)' });
    expect(checkValue(p.workMem, "0x1.8p1", 16)).toEqual({ ok: false, message: '3 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)' });
    expect(checkValue(p.workMem, "1.5kB", 16)).toEqual({ ok: false, message: '2 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)' });
  });

  test("12–17 quote the name as written, 18 the parameter's own", () => {
    expect(checkValue(p.workMem, "1 gb", 17, { writtenName: "WORK_MEM" })).toEqual({ ok: false, message: 'invalid value for parameter "WORK_MEM": "1 gb"', hint: MEMORY_UNITS_HINT });
    expect(checkValue(p.workMem, "1 gb", 18, { writtenName: "WORK_MEM" })).toEqual({ ok: false, message: 'invalid value for parameter "work_mem": "1 gb"', hint: MEMORY_UNITS_HINT });
    expect(checkValue(p.enableSeqscan, "maybe", 12, { writtenName: "Enable_SeqScan" })).toEqual({ ok: false, message: 'parameter "Enable_SeqScan" requires a Boolean value' });
  });

  test("8kB blocks, bytes and megabytes as base units", () => {
    expect(checkValue(p.sharedBuffers, "1.5GB", 18)).toMatchObject({ ok: true, value: 196608 });
    expect(checkValue(p.sharedBuffers, "1.0001GB", 18)).toMatchObject({ ok: true, value: 131072 }); // rounded to whole MB first
    expect(checkValue(p.sharedBuffers, "128MB", 18)).toMatchObject({ ok: true, value: 16384 });
    expect(checkValue(p.sharedBuffers, "8", 12)).toEqual({ ok: false, message: '8 8kB is outside the valid range for parameter "shared_buffers" (16 .. 1073741823)' });
    expect(checkValue(p.sharedBuffers, "8", 18)).toEqual({ ok: false, message: '8 8kB is outside the valid range for parameter "shared_buffers" (16 8kB .. 1073741823 8kB)' });
    expect(checkValue(p.sharedBuffers, "100kB", 16)).toEqual({ ok: false, message: '12 8kB is outside the valid range for parameter "shared_buffers" (16 .. 1073741823)' });
    expect(checkValue(p.walSegmentSize, "16MB", 16)).toMatchObject({ ok: true, value: 16777216 });
    expect(checkValue(p.maxWalSize, "1GB", 16)).toMatchObject({ ok: true, value: 1024 });
    expect(checkValue(p.maxWalSize, "1.5kB", 16)).toEqual({ ok: false, message: '0 MB is outside the valid range for parameter "max_wal_size" (2 .. 2147483647)' });
  });

  test("a parameter without a unit refuses one, without a hint", () => {
    expect(checkValue(p.unixSocketPermissions, "0777", 16)).toMatchObject({ ok: true, value: 511 });
    expect(checkValue(p.unixSocketPermissions, "0x1FF", 16)).toMatchObject({ ok: true, value: 511 });
    expect(checkValue(p.unixSocketPermissions, "777", 16)).toEqual({ ok: false, message: '777 is outside the valid range for parameter "unix_socket_permissions" (0 .. 511)' });
    expect(checkValue(p.unixSocketPermissions, "1kB", 16)).toEqual({ ok: false, message: 'invalid value for parameter "unix_socket_permissions": "1kB"' });
  });
});

describe("checkValue: integers with time units", () => {
  test.each([
    { param: p.statementTimeout, value: "1min", base: 60000 },
    { param: p.statementTimeout, value: "1.5s", base: 1500 },
    { param: p.statementTimeout, value: "500us", base: 0 }, // 0.5 ms, rint to even
    { param: p.statementTimeout, value: "1500us", base: 2 },
    { param: p.statementTimeout, value: "1 h", base: 3600000 },
    { param: p.checkpointTimeout, value: "5min", base: 300 },
    { param: p.checkpointTimeout, value: "1d", base: 86400 },
    { param: p.checkpointTimeout, value: "1.5min", base: 90 },
    { param: p.checkpointTimeout, value: "0.5min", base: 30 },
    { param: p.logRotationAge, value: "1d", base: 1440 },
    { param: p.logRotationAge, value: "90s", base: 2 },
  ])("$param.name = '$value' is $base", ({ param, value, base }) => {
    expect(checkValue(param, value, 14)).toMatchObject({ ok: true, value: base, baseValue: base });
  });

  test.each(["1H", "1 sec", "1 msx", "1m", "1 mins"])("statement_timeout = '%s' has a bad unit", (value) => {
    expect(checkValue(p.statementTimeout, value, 14)).toEqual({ ok: false, message: `invalid value for parameter "statement_timeout": "${value}"`, hint: TIME_UNITS_HINT });
  });

  test("range with seconds", () => {
    expect(checkValue(p.checkpointTimeout, "29", 15)).toEqual({ ok: false, message: '29 s is outside the valid range for parameter "checkpoint_timeout" (30 .. 86400)' });
    expect(checkValue(p.checkpointTimeout, "2d", 18)).toEqual({ ok: false, message: '172800 s is outside the valid range for parameter "checkpoint_timeout" (30 s .. 86400 s)' });
  });
});

describe("checkValue: reals", () => {
  test("accepted values", () => {
    expect(checkValue(p.randomPageCost, "1.1", 16)).toEqual({ ok: true, value: 1.1, baseValue: 1.1, unit: null });
    expect(checkValue(p.randomPageCost, "0x10", 16)).toMatchObject({ ok: true, value: 16 });
    expect(checkValue(p.randomPageCost, " 2 ", 16)).toMatchObject({ ok: true, value: 2 });
    expect(checkValue(p.randomPageCost, "1e3", 16)).toMatchObject({ ok: true, value: 1000 });
    expect(checkValue(p.vacuumCostDelay, "500us", 16)).toEqual({ ok: true, value: 0.5, baseValue: 0.5, unit: "us" });
    expect(checkValue(p.vacuumCostDelay, "0.1ms", 16)).toMatchObject({ ok: true, value: 0.1 });
  });

  test("rejected values", () => {
    expect(checkValue(p.randomPageCost, "-1", 16)).toEqual({ ok: false, message: '-1 is outside the valid range for parameter "random_page_cost" (0 .. 1.79769e+308)' });
    expect(checkValue(p.randomPageCost, "inf", 18)).toEqual({ ok: false, message: 'Infinity is outside the valid range for parameter "random_page_cost" (0 .. 1.79769e+308)' });
    for (const value of ["nan", "1e400", "1e-310", "1 ms", "", "abc"]) {
      expect(checkValue(p.randomPageCost, value, 16)).toEqual({ ok: false, message: `invalid value for parameter "random_page_cost": "${value}"` });
    }
    expect(checkValue(p.vacuumCostDelay, "200ms", 12)).toEqual({ ok: false, message: '200 ms is outside the valid range for parameter "vacuum_cost_delay" (0 .. 100)' });
    expect(checkValue(p.vacuumCostDelay, "1s", 18)).toEqual({ ok: false, message: '1000 ms is outside the valid range for parameter "vacuum_cost_delay" (0 ms .. 100 ms)' });
    expect(checkValue(p.vacuumCostDelay, "1 MS", 16)).toEqual({ ok: false, message: 'invalid value for parameter "vacuum_cost_delay": "1 MS"', hint: TIME_UNITS_HINT });
  });
});

describe("checkValue: booleans", () => {
  test.each([
    ["on", true],
    ["OFF", false],
    ["t", true],
    ["tr", true],
    ["TRUE", true],
    ["y", true],
    ["n", false],
    ["of", false],
    ["1", true],
    ["0", false],
    ["yes", true],
    ["fal", false],
  ])("'%s' is %s", (value, expected) => {
    expect(checkValue(p.enableSeqscan, value, 16)).toEqual({ ok: true, value: expected });
  });

  test.each(["o", "onx", "2", "", "maybe", " on", "on ", "truee", "01"])("'%s' is refused", (value) => {
    expect(checkValue(p.enableSeqscan, value, 16)).toEqual({ ok: false, message: 'parameter "enable_seqscan" requires a Boolean value' });
  });
});

describe("checkValue: enums", () => {
  test("listed and hidden values, any case, reported as SHOW does", () => {
    expect(checkValue(p.walLevel, "REPLICA", 16)).toEqual({ ok: true, value: "replica" });
    expect(checkValue(p.walLevel, "archive", 12)).toEqual({ ok: true, value: "replica" });
    expect(checkValue(p.walLevel, "Hot_Standby", 18)).toEqual({ ok: true, value: "replica" });
    expect(checkValue(p.synchronousCommit, "true", 16)).toEqual({ ok: true, value: "on" });
    expect(checkValue(p.synchronousCommit, "0", 16)).toEqual({ ok: true, value: "off" });
    expect(checkValue(p.walCompression, "on", 15)).toEqual({ ok: true, value: "pglz" });
    expect(checkValue(p.walCompression, "yes", 15)).toEqual({ ok: true, value: "pglz" });
    expect(checkValue(p.clientMinMessages, "debug", 16)).toEqual({ ok: true, value: "debug2" });
    expect(checkValue(p.clientMinMessages, "info", 16)).toEqual({ ok: true, value: "info" });
  });

  test("refused values list the visible ones", () => {
    expect(checkValue(p.walLevel, "bogus", 16)).toEqual({
      ok: false,
      message: 'invalid value for parameter "wal_level": "bogus"',
      hint: "Available values: minimal, replica, logical.",
    });
    expect(checkValue(p.walLevel, " replica", 16)).toMatchObject({ ok: false });
  });

  test("password_encryption = on is md5 on 12 and 13 only", () => {
    expect(checkValue(p.passwordEncryption, "on", 12)).toEqual({ ok: true, value: "md5" });
    expect(checkValue(p.passwordEncryption, "TRUE", 13)).toEqual({ ok: true, value: "md5" });
    expect(checkValue(p.passwordEncryption, "off", 13)).toMatchObject({ ok: false });
    expect(checkValue(p.passwordEncryption, "on", 14)).toEqual({
      ok: false,
      message: 'invalid value for parameter "password_encryption": "on"',
      hint: "Available values: md5, scram-sha-256.",
    });
  });
});

describe("checkValue: strings", () => {
  test("taken as they are, up to an escaped NUL", () => {
    expect(checkValue(p.applicationName, " any thing ", 16)).toEqual({ ok: true, value: " any thing " });
    expect(checkValue(p.applicationName, "ab\0cd", 16)).toEqual({ ok: true, value: "ab" });
  });
});
