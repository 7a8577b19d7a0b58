import { cloneElement, useId, type ComponentProps, type ReactElement } from "react";
import { cn } from "./cn";

interface FieldProps {
  label: string;
  error?: string | null;
  hint?: string;
  className?: string;
  /** For a control inside a table, where the column header already shows the label. */
  hideLabel?: boolean;
  children: ReactElement<{ id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string }>;
}

/** A labelled form control whose error is announced with it, so a screen reader hears why it failed. */
export function Field({ label, error, hint, className, hideLabel, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const message = error ?? hint;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className={cn("block text-sm font-medium text-slate-700", hideLabel && "sr-only")}>
        {label}
      </label>
      {cloneElement(children, {
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": message ? messageId : undefined,
      })}
      <FieldMessage id={messageId} error={error} hint={hint} />
    </div>
  );
}

/** A checkbox with its label to the right, and its error or hint below. */
export function CheckboxField({
  label,
  error,
  hint,
  className,
  ...props
}: Omit<ComponentProps<"input">, "type"> & {
  label: string;
  error?: string | null;
  hint?: string;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="flex items-center gap-2 text-sm text-slate-800">
        <input
          id={id}
          type="checkbox"
          className="h-4 w-4 accent-brand-600"
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? messageId : undefined}
          {...props}
        />
        {label}
      </label>
      <FieldMessage id={messageId} error={error} hint={hint} />
    </div>
  );
}

function FieldMessage({ id, error, hint }: { id: string; error?: string | null; hint?: string }) {
  const message = error ?? hint;
  if (!message) return null;
  return (
    <p id={id} className={cn("text-xs", error ? "text-red-700" : "text-slate-500")} role={error ? "alert" : undefined}>
      {message}
    </p>
  );
}
