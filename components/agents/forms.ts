import type { TActionResult } from "@/lib/auth/action-result";
import type { TVendor } from "@/lib/providers/types";

export type TFormAction<T = void> = (prev: TActionResult<T>, form: FormData) => Promise<TActionResult<T>>;
export type TControlAction = "start" | "restart" | "stop";
export type TControl = (action: TControlAction) => Promise<TActionResult>;

// What a form may know about a saved provider: never its key, not even the hint.
export type TSavedProvider = { id: string; vendor: TVendor; name: string; defaultModel: string };

export const initialState = { ok: false, error: "" } as const;

export function formState<T>(state: TActionResult<T>) {
  if (state.ok) return { fields: {} as Record<string, string>, values: {} as Record<string, string>, error: "" };
  return { fields: state.fields ?? {}, values: state.values ?? {}, error: state.error };
}
