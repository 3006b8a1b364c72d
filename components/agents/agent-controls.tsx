"use client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/feedback";
import { useActionRunner } from "@/components/ui/use-action-runner";
import type { TDisplayStatus } from "@/lib/agents/get-agent";
import type { TActionResult } from "@/lib/auth/action-result";

import type { TControl } from "./forms";
import { PHASE_LABEL, useControl } from "./use-control";

// Under the row of buttons, full width, whichever button failed.
function ControlError({ message }: { message: string | null | undefined }) {
  return message ? (
    <div className="order-last basis-full">
      <FormError message={message} />
    </div>
  ) : null;
}

function ControlButtons({ status, control }: { status: TDisplayStatus; control: TControl }) {
  const { run, phase: requested, error } = useControl(control);
  const phase = requested ?? (status === "starting" || status === "stopping" ? status : null);
  return (
    <>
      {phase ? (
        <Button size="sm" variant="secondary" disabled aria-busy>
          {PHASE_LABEL[phase]}
        </Button>
      ) : status === "stopped" || status === "error" ? (
        <Button size="sm" onClick={() => run("start")}>
          Start
        </Button>
      ) : (
        <>
          <Button size="sm" variant={status === "restart_required" ? "primary" : "secondary"} onClick={() => run("restart")}>
            Restart
          </Button>
          <Button size="sm" variant="secondary" onClick={() => run("stop")}>
            Stop
          </Button>
        </>
      )}
      <ControlError message={error} />
    </>
  );
}

function DeleteAgent({ name, remove }: { name: string; remove: () => Promise<TActionResult> }) {
  // On success the action redirects to the agents list.
  const { pending, error, run } = useActionRunner();
  return (
    <>
      <ConfirmDialog trigger={pending ? "Deleting…" : "Delete agent"} title={`Delete ${name}?`} confirmLabel="Delete agent" onConfirm={() => run(remove)}>
        It stops answering at once. Its provider chain, the API keys pasted for it and its activity are deleted; saved providers stay.
      </ConfirmDialog>
      <ControlError message={error} />
    </>
  );
}

export function AgentControls({
  name,
  status,
  control,
  remove,
}: {
  name: string;
  status: TDisplayStatus;
  control: TControl;
  remove: () => Promise<TActionResult>;
}) {
  return (
    <div className="flex max-w-sm flex-wrap gap-2 sm:justify-end">
      <ControlButtons status={status} control={control} />
      <DeleteAgent name={name} remove={remove} />
    </div>
  );
}
