"use client";
import { useState } from "react";

import { Button } from "./button";

// A value shown once (a new API key, an invitation link): selected on focus,
// with a button that copies it.
export function RevealField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState<"" | "yes" | "no">("");
  const copy = () =>
    void navigator.clipboard.writeText(value).then(
      () => setCopied("yes"),
      () => setCopied("no"),
    );
  return (
    <div className="mt-2">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <Button variant="secondary" size="sm" onClick={copy}>
          Copy
        </Button>
      </div>
      <p className="mt-1 text-xs text-zinc-600" aria-live="polite">
        {copied === "yes" ? "Copied." : copied === "no" ? "Copying is blocked here: select the text and copy it." : ""}
      </p>
    </div>
  );
}
