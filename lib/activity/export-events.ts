// "Export CSV": every event of the current filter, streamed in keyset
// batches so an export of any size never holds all rows in memory.
import { credentialLabel } from "../agents/describe-link";
import { errorResponse } from "../api/api-error";
import { db } from "../db/client";
import { AppError } from "../errors";
import { log } from "../log";
import { CSV_HEADER, csvRow, eventCsvRow } from "./csv";
import { takeExportLock, type TExportLock } from "./export-lock";
import { resolveFeedScope } from "./feed-scope";
import { decodeCursor, listEvents, type TCursor, type TEventFilter } from "./list-events";

const EXPORT_BATCH = 1000;

// An organization has a handful of providers: name them all once per export
// rather than once per batch.
async function providerNames(orgId: string) {
  const rows = await db.credential.findMany({ where: { orgId }, select: { id: true, name: true, keyHint: true, agentId: true } });
  return new Map(rows.map((c) => [c.id, credentialLabel(c)]));
}

// The lock, if any, is renewed with every batch and released when the stream
// ends, fails or the reader goes away.
export function eventsCsv({
  orgId,
  filter,
  batchSize = EXPORT_BATCH,
  lock,
}: {
  orgId: string;
  filter: TEventFilter;
  batchSize?: number;
  lock?: TExportLock;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const release = () => lock?.release().catch((error: unknown) => log.warn({ orgId, err: { message: String(error) } }, "activity export lock not released"));
  let cursor: TCursor | null = null;
  let names: Map<string, string> | undefined;
  // pull() runs only when the reader wants more, so one batch is in memory at a time.
  return new ReadableStream({
    async pull(controller) {
      try {
        if (!names) {
          names = await providerNames(orgId);
          controller.enqueue(encoder.encode(csvRow(CSV_HEADER)));
          return;
        }
        const known = names;
        await lock?.renew();
        const page = await listEvents({ orgId, filter, cursor, take: batchSize });
        if (page.events.length) controller.enqueue(encoder.encode(page.events.map((e) => eventCsvRow(e, known)).join("")));
        cursor = decodeCursor(page.nextCursor);
        if (!cursor) {
          await release();
          controller.close();
        }
      } catch (error) {
        log.error({ orgId, err: { message: error instanceof Error ? error.message : String(error) } }, "activity export failed");
        await release();
        controller.error(error);
      }
    },
    async cancel() {
      await release();
    },
  });
}

export async function exportResponse({
  userId,
  orgSlug,
  searchParams,
  now = new Date(),
}: {
  userId: string | null;
  orgSlug: string;
  searchParams: URLSearchParams;
  now?: Date;
}): Promise<Response> {
  try {
    const { ctx, filter, agentSlug } = await resolveFeedScope({ userId, orgSlug, searchParams, now });
    const filename = ["activity", ctx.orgSlug, agentSlug, now.toISOString().slice(0, 10)].filter(Boolean).join("-");
    const lock = await takeExportLock({ userId: ctx.userId });
    if (!lock) throw new AppError("RATE_LIMITED", "An export is already running. Try again when it has finished.");
    return new Response(eventsCsv({ orgId: ctx.orgId, filter, lock }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
