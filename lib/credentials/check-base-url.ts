import { env } from "../env";
import { AppError } from "../errors";
import { assertSafeBaseUrl } from "../providers/base-url-guard";

// Tenants of a hosted instance must not make the server call its own network.
export async function checkBaseUrl(baseUrl: string | null) {
  if (!baseUrl) return;
  try {
    await assertSafeBaseUrl(baseUrl, { allowPrivate: env().ALLOW_PRIVATE_PROVIDER_URLS });
  } catch (error) {
    const message = error instanceof Error ? error.message : "This base URL cannot be used";
    throw new AppError("INVALID_INPUT", message, { baseUrl: message });
  }
}
