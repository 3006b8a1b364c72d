import { currentUserId } from "@/lib/auth/session";
import { checkServices, healthReport } from "@/lib/health/check-services";

export const dynamic = "force-dynamic";

export async function GET() {
  const services = await checkServices();
  // With PostgreSQL down the session cannot be checked: answer as to a stranger.
  const userId = await currentUserId().catch(() => null);
  const { status, body } = healthReport(services, { detail: userId !== null });
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
