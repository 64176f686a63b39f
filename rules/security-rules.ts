// The built-in security rules, registered by rules/index.ts.
import type { RuleDefinition } from "../src/rule-api";
import authDelay from "./auth-delay";
import dataDurability from "./data-durability";
import debugPrintSettings from "./debug-print-settings";
import developerOptions from "./developer-options";
import listenAddresses from "./listen-addresses";
import logConnections from "./log-connections";
import logDisconnections from "./log-disconnections";
import logHostname from "./log-hostname";
import logLinePrefix from "./log-line-prefix";
import logMinErrorStatement from "./log-min-error-statement";
import logMinMessages from "./log-min-messages";
import logStatement from "./log-statement";
import loggingCollector from "./logging-collector";
import passwordEncryption from "./password-encryption";
import pgaudit from "./pgaudit";
import sslCiphers from "./ssl-ciphers";
import sslEnabled from "./ssl-enabled";
import sslMinProtocolVersion from "./ssl-min-protocol-version";

export const securityRules: Record<string, RuleDefinition> = {
  "auth-delay": authDelay,
  "data-durability": dataDurability,
  "debug-print-settings": debugPrintSettings,
  "developer-options": developerOptions,
  "listen-addresses": listenAddresses,
  "log-connections": logConnections,
  "log-disconnections": logDisconnections,
  "log-hostname": logHostname,
  "log-line-prefix": logLinePrefix,
  "log-min-error-statement": logMinErrorStatement,
  "log-min-messages": logMinMessages,
  "log-statement": logStatement,
  "logging-collector": loggingCollector,
  "password-encryption": passwordEncryption,
  pgaudit,
  "ssl-ciphers": sslCiphers,
  "ssl-enabled": sslEnabled,
  "ssl-min-protocol-version": sslMinProtocolVersion,
};
