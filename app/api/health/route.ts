import { checkServices, healthReport } from "@/lib/health/check-services";

export const dynamic = "force-dynamic";

export async function GET() {
  const { status, body } = healthReport(await checkServices());
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
