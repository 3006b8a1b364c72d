// The alerts queue's repeatable job: reads the activity feed from where the
// last scan stopped and opens or resolves incidents (rules.ts). Every
// incident opened or resolved writes its deliveries in the same transaction;
// they are handed to the queue once it commits.
import { db, type Prisma } from "../db/client";
import type { TDeliveryJob } from "../queue/names";
import { enqueueDeliveries, queueIncidentDeliveries } from "./deliveries";
import { failoverRate } from "./failover-rate";
import { actionsFor, failoverRateAbove, openKeyOf, type TFeedEvent, type TIncidentDetail, type TRuleAction } from "./rules";
import { readAlertSettings, type TOrgAlertSettings } from "./settings";

const CURSOR_ID = "activity";
export const SCAN_BATCH = 500;
// An event's created_at is when its transaction began, so one that commits
// late can carry an earlier time than one already read. Every writer of
// events commits within a statement or two (a turn settles in one), so the
// scan stays this far behind the present and no event is passed over.
const SCAN_LAG_MS = 3_000;

type TTx = Prisma.TransactionClient;
type TScan = { tx: TTx; settings: Map<string, TOrgAlertSettings>; jobs: TDeliveryJob[]; opened: number; resolved: number };

async function settingsOf(scan: TScan, orgId: string) {
  let settings = scan.settings.get(orgId);
  if (!settings) scan.settings.set(orgId, (settings = await readAlertSettings({ orgId })));
  return settings;
}

async function open(scan: TScan, event: TFeedEvent, action: Extract<TRuleAction, { kind: "open" }>) {
  const settings = await settingsOf(scan, event.orgId);
  if (settings.disabledRules.includes(action.rule)) return;
  const created = await scan.tx.alertIncident.createManyAndReturn({
    data: [
      {
        orgId: event.orgId,
        agentId: action.agentId,
        rule: action.rule,
        credentialId: action.link?.credentialId ?? null,
        model: action.link?.model ?? null,
        label: action.label,
        openKey: openKeyOf(action),
        detail: action.detail,
        openedAt: event.createdAt,
        openedByEventId: event.id,
      },
    ],
    // Already open under this key: one alert per incident, not one per event.
    skipDuplicates: true,
    select: { id: true },
  });
  for (const incident of created) {
    scan.opened += 1;
    scan.jobs.push(...(await queueIncidentDeliveries(scan.tx, { orgId: event.orgId, incidentId: incident.id, kind: "alert" })));
  }
}

async function resolve(scan: TScan, { orgId, where, at, eventId }: { orgId: string; where: Prisma.AlertIncidentWhereInput; at: Date; eventId: string | null }) {
  const resolved = await scan.tx.alertIncident.updateManyAndReturn({
    where: { ...where, orgId, resolvedAt: null },
    data: { resolvedAt: at, resolvedByEventId: eventId, openKey: null },
    select: { id: true },
  });
  for (const incident of resolved) {
    scan.resolved += 1;
    scan.jobs.push(...(await queueIncidentDeliveries(scan.tx, { orgId, incidentId: incident.id, kind: "resolved" })));
  }
}

async function checkFailoverRate(scan: TScan, event: TFeedEvent, agentId: string) {
  const settings = await settingsOf(scan, event.orgId);
  const rate = await failoverRate(scan.tx, { orgId: event.orgId, agentId, at: event.createdAt });
  if (!failoverRateAbove({ ...rate, thresholdPercent: settings.failoverRatePercent })) return;
  const detail: TIncidentDetail = rate;
  await open(scan, event, { kind: "open", rule: "failover_rate", agentId, link: null, label: null, detail });
}

async function apply(scan: TScan, event: TFeedEvent, action: TRuleAction) {
  const base = { orgId: event.orgId, at: event.createdAt, eventId: event.id };
  switch (action.kind) {
    case "open":
      return open(scan, event, action);
    case "resolve_link":
      return resolve(scan, { ...base, where: { rule: { in: action.rules }, credentialId: action.link.credentialId, model: action.link.model } });
    case "resolve_agent":
      return resolve(scan, { ...base, where: { rule: action.rule, agentId: action.agentId } });
    case "check_failover_rate":
      return checkFailoverRate(scan, event, action.agentId);
  }
}

// Open incidents that no event resolves: "all providers failed" ends with
// the agent's next answered turn, a failover rate when it falls back under
// the threshold (or too few turns are left in the window to judge).
async function recheckOpen(scan: TScan, now: Date) {
  const open = await scan.tx.alertIncident.findMany({
    where: { resolvedAt: null, rule: { in: ["all_failed", "failover_rate"] } },
    select: { id: true, orgId: true, agentId: true, rule: true, openedAt: true },
    take: 1000,
  });
  for (const incident of open) {
    const base = { orgId: incident.orgId, where: { id: incident.id }, at: now, eventId: null };
    if (incident.rule === "all_failed") {
      const answered = await scan.tx.turn.findFirst({
        where: { orgId: incident.orgId, agentId: incident.agentId, state: "answered", createdAt: { gt: incident.openedAt } },
        select: { id: true },
      });
      if (answered) await resolve(scan, base);
      continue;
    }
    const settings = await settingsOf(scan, incident.orgId);
    const rate = await failoverRate(scan.tx, { orgId: incident.orgId, agentId: incident.agentId, at: now });
    if (!failoverRateAbove({ ...rate, thresholdPercent: settings.failoverRatePercent })) await resolve(scan, base);
  }
}

async function readEvents(tx: TTx, now: Date): Promise<TFeedEvent[] | null> {
  await tx.alertCursor.createMany({ data: [{ id: CURSOR_ID, lastCreatedAt: now, lastEventId: "" }], skipDuplicates: true });
  // Several workers run the scan: one holds the cursor, the others skip this round.
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM alert_cursors WHERE id = ${CURSOR_ID} FOR UPDATE SKIP LOCKED`;
  if (locked.length === 0) return null;
  const cursor = await tx.alertCursor.findUniqueOrThrow({ where: { id: CURSOR_ID } });
  return tx.activityEvent.findMany({
    where: {
      OR: [{ createdAt: { gt: cursor.lastCreatedAt } }, { createdAt: cursor.lastCreatedAt, id: { gt: cursor.lastEventId } }],
      AND: [{ createdAt: { lt: new Date(now.getTime() - SCAN_LAG_MS) } }],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: SCAN_BATCH,
    select: { id: true, orgId: true, agentId: true, type: true, data: true, createdAt: true },
  });
}

export type TScanResult = { skipped: boolean; events: number; opened: number; resolved: number; deliveries: number };

export async function scanAlerts({ now = new Date() }: { now?: Date } = {}): Promise<TScanResult> {
  const result = await db.$transaction(
    async (tx) => {
      const events = await readEvents(tx, now);
      if (!events) return null;
      const scan: TScan = { tx, settings: new Map(), jobs: [], opened: 0, resolved: 0 };
      for (const event of events) for (const action of actionsFor(event)) await apply(scan, event, action);
      await recheckOpen(scan, now);
      const last = events.at(-1);
      if (last) await tx.alertCursor.update({ where: { id: CURSOR_ID }, data: { lastCreatedAt: last.createdAt, lastEventId: last.id } });
      return { events: events.length, scan };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  if (!result) return { skipped: true, events: 0, opened: 0, resolved: 0, deliveries: 0 };
  const { scan } = result;
  await enqueueDeliveries(scan.jobs);
  return { skipped: false, events: result.events, opened: scan.opened, resolved: scan.resolved, deliveries: scan.jobs.length };
}
