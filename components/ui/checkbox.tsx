import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A table's tick box; `indeterminate` shows the dash of a header box when only some rows are ticked. */
export function Checkbox({
  indeterminate = false,
  className,
  ...props
}: Omit<ComponentProps<"input">, "type"> & { indeterminate?: boolean }) {
  return (
    <input
      type="checkbox"
      className={cn("h-4 w-4 align-middle accent-brand-600", className)}
      ref={(box) => {
        if (box) box.indeterminate = indeterminate;
      }}
      {...props}
    />
  );
}
