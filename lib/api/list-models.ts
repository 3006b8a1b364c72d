// GET /api/v1/models: the one model an agent key can use, its agent, in
// OpenAI's model shape, so clients and chat front ends that list models
// first find it.
import type { TApiCaller } from "../api-keys/authenticate-api-key";
import { db } from "../db/client";
import { ApiError } from "./api-error";

export const modelNotFound = (model: string) =>
  new ApiError(404, `The model '${model}' does not exist or this key cannot use it. Set model to the agent's slug.`, {
    type: "invalid_request_error",
    param: "model",
    code: "model_not_found",
  });

export async function agentModel(caller: Pick<TApiCaller, "orgId" | "agentId" | "agentSlug">) {
  const agent = await db.agent.findFirst({
    where: { id: caller.agentId, orgId: caller.orgId },
    select: { slug: true, createdAt: true, org: { select: { slug: true } } },
  });
  if (!agent) throw modelNotFound(caller.agentSlug);
  return { id: agent.slug, object: "model" as const, created: Math.floor(agent.createdAt.getTime() / 1000), owned_by: agent.org.slug };
}
