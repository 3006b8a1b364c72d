// The one way the web defines a server action. The lib call runs through
// runOrgAction / runAgentAction (membership from the URL's slug, the role
// checked on the server, the input parsed with the form's schema); this adds
// what only the web has: reading a form, echoing its non-secret fields back
// on an error, refreshing pages, and redirecting. Web-only: lib/ may not
// import next/cache.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";

import type { TAgentUserScope } from "@/lib/agents/agent-scope";
import { fieldErrors, type TActionResult, toActionError } from "@/lib/auth/action-result";
import { runAgentAction } from "@/lib/auth/agent-action";
import type { TMembershipContext } from "@/lib/auth/membership";
import { runOrgAction } from "@/lib/auth/org-action";
import type { TPermission } from "@/lib/auth/permissions";
import { currentUserId } from "@/lib/auth/session";

export type TOrgRef = { orgSlug: string };
export type TAgentRef = TOrgRef & { agentSlug: string };

type TFormFields = {
  // Text fields, echoed back on an error so the form keeps what was typed.
  fields?: readonly string[];
  // Read like fields, never echoed (API keys, passwords).
  secrets?: readonly string[];
};

type TScopedSpec<Ref, Ctx, S extends z.ZodType, T> = {
  permission: TPermission;
  schema: S;
  run: (ctx: Ctx, data: z.infer<S>) => Promise<T>;
  // The page to refresh once it succeeded; "layout" refreshes every page under it.
  revalidate?: (ref: Ref) => string | [string, "layout"];
  // Where to go once it succeeded (the action then never returns).
  redirect?: (ref: Ref, data: T) => string;
};

type TFormSpec<Ref, Ctx, S extends z.ZodType, T> = TScopedSpec<Ref, Ctx, S, T> &
  TFormFields & {
    // The schema's input from the form's text (fields and secrets); by default that text itself.
    input?: (text: Record<string, string>, form: FormData, ref: Ref) => unknown;
  };

type TRunScoped<Ref, Ctx> = <S extends z.ZodType, T>(
  ref: Ref,
  userId: string | null,
  spec: Pick<TScopedSpec<Ref, Ctx, S, T>, "permission" | "schema" | "run">,
  input: unknown,
) => Promise<TActionResult<T>>;

const textOf = (form: FormData, names: readonly string[] = []) => Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? "")]));

function scoped<Ref extends TOrgRef, Ctx>(runScoped: TRunScoped<Ref, Ctx>) {
  async function execute<S extends z.ZodType, T, R extends Ref>(spec: TScopedSpec<R, Ctx, S, T>, ref: R, input: unknown): Promise<TActionResult<T>> {
    const result = await runScoped(ref, await currentUserId(), spec, input);
    if (!result.ok) return result;
    const page = spec.revalidate?.(ref);
    if (typeof page === "string") revalidatePath(page);
    else if (page) revalidatePath(...page);
    if (spec.redirect) redirect(spec.redirect(ref, result.data));
    return result;
  }

  return {
    // Called from a button: `input` maps the bound and passed arguments to the schema's input.
    action<S extends z.ZodType, T, A extends unknown[], R extends Ref = Ref>(spec: TScopedSpec<R, Ctx, S, T> & { input: (...args: A) => unknown }) {
      return async (ref: R, ...args: A): Promise<TActionResult<T>> => execute(spec, ref, spec.input(...args));
    },
    // A form's action for useActionState; `ref` may carry ids beyond the slugs (the record the form edits).
    formAction<S extends z.ZodType, T = void, R extends Ref = Ref>(spec: TFormSpec<R, Ctx, S, T>) {
      return async (ref: R, _prev: unknown, form: FormData): Promise<TActionResult<T>> => {
        const values = textOf(form, spec.fields);
        const text = { ...values, ...textOf(form, spec.secrets) };
        const result = await execute(spec, ref, spec.input ? spec.input(text, form, ref) : text);
        return result.ok ? result : { ...result, values };
      };
    },
  };
}

export const orgActions = scoped<TOrgRef, TMembershipContext>((ref, userId, spec, input) => runOrgAction({ userId, orgSlug: ref.orgSlug, ...spec, input }));

export const agentActions = scoped<TAgentRef, TAgentUserScope>((ref, userId, spec, input) =>
  runAgentAction({ userId, orgSlug: ref.orgSlug, agentSlug: ref.agentSlug, ...spec, input }),
);

// A form outside any organization (sign-up, a new organization, the
// account). `then` runs once it succeeded, outside the error handling, so
// its redirect (or sign-in) is never mistaken for a failure.
export function userFormAction<S extends z.ZodType, T>(
  spec: TFormFields & {
    schema: S;
    action: string;
    // "signed-in": refused with a message when the session has ended.
    session: "signed-in" | "any";
    input?: (text: Record<string, string>, form: FormData) => unknown;
    run: (data: z.infer<S>, userId: string) => Promise<T>;
    then?: (result: T, data: z.infer<S>) => Promise<unknown>;
  },
) {
  return async (_prev: unknown, form: FormData): Promise<TActionResult> => {
    const values = textOf(form, spec.fields);
    const text = { ...values, ...textOf(form, spec.secrets) };
    const userId = spec.session === "signed-in" ? await currentUserId() : "";
    if (userId === null) return { ok: false, error: "Your session has ended. Sign in again.", values };
    const parsed = spec.schema.safeParse(spec.input ? spec.input(text, form) : text);
    if (!parsed.success) return { ok: false, error: "Check the highlighted fields.", fields: fieldErrors(parsed.error), values };
    let result: T;
    try {
      result = await spec.run(parsed.data, userId);
    } catch (error) {
      return { ...toActionError(error, { action: spec.action }), values };
    }
    await spec.then?.(result, parsed.data);
    return { ok: true, data: undefined };
  };
}
