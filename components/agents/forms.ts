import type { TControlAction } from "@/lib/agents/schemas";
import type { TActionResult } from "@/lib/auth/action-result";
import type { TVendor } from "@/lib/providers/types";

export type { TFormAction } from "@/components/ui/use-form-action";
export type { TControlAction } from "@/lib/agents/schemas";
export type TControl = (action: TControlAction) => Promise<TActionResult>;

// What a form may know about a saved provider: never its key, not even the hint.
export type TSavedProvider = { id: string; vendor: TVendor; name: string; defaultModel: string };
