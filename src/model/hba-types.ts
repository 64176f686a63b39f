// Small shared vocabulary of the pg_hba.conf model.

export const HBA_CONNECTION_TYPES = ["local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc"] as const;
export type HbaConnectionType = (typeof HBA_CONNECTION_TYPES)[number];

export function isConnectionType(text: string): text is HbaConnectionType {
  return (HBA_CONNECTION_TYPES as readonly string[]).includes(text);
}
