// Which rules an organization has switched off, and its failover-rate
// threshold. No row means the defaults: every rule on, 20 %.
import { db } from "../db/client";
import { ALERT_RULES, DEFAULT_FAILOVER_RATE_PERCENT, type TAlertRule } from "./rules";
import type { TAlertSettings } from "./schemas";

export type TOrgAlertSettings = { disabledRules: TAlertRule[]; failoverRatePercent: number };

const DEFAULTS: TOrgAlertSettings = { disabledRules: [], failoverRatePercent: DEFAULT_FAILOVER_RATE_PERCENT };

export async function readAlertSettings({ orgId }: { orgId: string }): Promise<TOrgAlertSettings> {
  const row = await db.alertSettings.findFirst({ where: { orgId }, select: { disabledRules: true, failoverRatePercent: true } });
  return row ?? DEFAULTS;
}

export async function setAlertSettings({ orgId, input }: { orgId: string; input: TAlertSettings }) {
  const data = { disabledRules: ALERT_RULES.filter((rule) => !input.enabledRules.includes(rule)), failoverRatePercent: input.failoverRatePercent };
  await db.alertSettings.upsert({ where: { orgId }, create: { orgId, ...data }, update: data });
}
