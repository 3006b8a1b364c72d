import type { ComponentProps, ReactNode } from "react";

import { cn } from "./cn";

const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 disabled:bg-zinc-100 disabled:text-zinc-500";

type TFieldProps = { label: string; name: string; error?: string; hint?: ReactNode; children?: never };

// The attributes every control shares: its id and name, its error and hint
// wiring for screen readers, and the border that turns red on an error.
function controlProps(name: string, error: string | undefined, hint: ReactNode, className: string | undefined) {
  return {
    id: name,
    name,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined,
    className: cn(control, error ? "border-red-500" : "border-zinc-300", className),
  };
}

// A field's error, named `<name>-error` for the control's aria-describedby.
export function FieldError({ name, error, className }: { name: string; error?: string; className?: string }) {
  if (!error) return null;
  return (
    <p id={`${name}-error`} className={cn("text-sm text-red-700", className)} role="alert">
      {error}
    </p>
  );
}

function FieldFrame({ label, name, error, hint, children }: Omit<TFieldProps, "children"> & { children: ReactNode }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${name}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
    </div>
  );
}

export function TextField({ label, name, error, hint, className, ...props }: TFieldProps & Omit<ComponentProps<"input">, "name" | "children">) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint}>
      <input {...controlProps(name, error, hint, className)} {...props} />
    </FieldFrame>
  );
}

export function TextAreaField({ label, name, error, hint, className, ...props }: TFieldProps & Omit<ComponentProps<"textarea">, "name" | "children">) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint}>
      <textarea {...controlProps(name, error, hint, className)} {...props} />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  options,
  className,
  ...props
}: TFieldProps & Omit<ComponentProps<"select">, "name" | "children"> & { options: Array<{ value: string; label: string }> }) {
  return (
    <FieldFrame label={label} name={name} error={error} hint={hint}>
      <select {...controlProps(name, error, hint, className)} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
