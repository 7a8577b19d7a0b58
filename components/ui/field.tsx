import { cloneElement, useId, type ReactElement } from "react";
import { cn } from "./cn";

interface FieldProps {
  label: string;
  error?: string | null;
  hint?: string;
  className?: string;
  children: ReactElement<{ id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string }>;
}

/** A labelled form control whose error is announced with it, so a screen reader hears why it failed. */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  const message = error ?? hint;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {cloneElement(children, {
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": message ? messageId : undefined,
      })}
      {message ? (
        <p id={messageId} className={cn("text-xs", error ? "text-red-700" : "text-slate-500")} role={error ? "alert" : undefined}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
