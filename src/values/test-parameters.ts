// Catalog entries for the value tests, as pg_settings shows them (12–18 agree on these).
import type { CatalogParameter } from "../catalog/types";

function param(name: string, vartype: CatalogParameter["vartype"], extra: Partial<CatalogParameter> = {}): CatalogParameter {
  return {
    name,
    vartype,
    unit: null,
    min: null,
    max: null,
    enumvals: null,
    bootVal: null,
    context: "user",
    category: "test",
    shortDesc: "",
    ...extra,
  };
}

export const workMem = param("work_mem", "integer", { unit: "kB", min: 64, max: 2147483647, bootVal: "4096" });
export const sharedBuffers = param("shared_buffers", "integer", { unit: "8kB", min: 16, max: 1073741823, context: "postmaster" });
export const statementTimeout = param("statement_timeout", "integer", { unit: "ms", min: 0, max: 2147483647 });
export const checkpointTimeout = param("checkpoint_timeout", "integer", { unit: "s", min: 30, max: 86400, context: "sighup" });
export const logRotationAge = param("log_rotation_age", "integer", { unit: "min", min: 0, max: 35791394, context: "sighup" });
export const unixSocketPermissions = param("unix_socket_permissions", "integer", { min: 0, max: 511, context: "postmaster" });
export const walSegmentSize = param("wal_segment_size", "integer", { unit: "B", min: 1048576, max: 1073741824, context: "internal" });
export const maxWalSize = param("max_wal_size", "integer", { unit: "MB", min: 2, max: 2147483647, context: "sighup" });
export const randomPageCost = param("random_page_cost", "real", { min: 0, max: 1.79769e308 });
export const vacuumCostDelay = param("vacuum_cost_delay", "real", { unit: "ms", min: 0, max: 100 });
export const enableSeqscan = param("enable_seqscan", "bool");
export const walLevel = param("wal_level", "enum", { enumvals: ["minimal", "replica", "logical"], context: "postmaster" });
export const synchronousCommit = param("synchronous_commit", "enum", { enumvals: ["local", "remote_write", "remote_apply", "on", "off"] });
export const passwordEncryption = param("password_encryption", "enum", { enumvals: ["md5", "scram-sha-256"] });
export const walCompression = param("wal_compression", "enum", { enumvals: ["pglz", "on", "off"], context: "superuser" });
export const clientMinMessages = param("client_min_messages", "enum", {
  enumvals: ["debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"],
});
export const applicationName = param("application_name", "string");
