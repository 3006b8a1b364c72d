import { checkServices, healthReport } from "@/lib/health/check-services";

export const dynamic = "force-dynamic";

// Up or down per service, for load balancers and anyone else alike.
export async function GET() {
  const { status, body } = healthReport(await checkServices());
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
