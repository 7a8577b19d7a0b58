"use client";

import { ChevronsUpDown } from "lucide-react";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "./cn";
import { Input } from "./input";

export interface ComboboxOption {
  id: number;
  name: string;
}

export interface ComboboxProps {
  value: ComboboxOption | null;
  onChange: (option: ComboboxOption | null) => void;
  /** The options matching what was typed, found by the parent (usually on the server). */
  options: ComboboxOption[] | undefined;
  /** Tells the parent what was typed and whether the list is showing, so it can search only while it is. */
  onSearchChange: (text: string) => void;
  onOpenChange?: (open: boolean) => void;
  /** True while the options do not yet match what was typed. */
  isLoading?: boolean;
  error?: string | null;
  /** Shown when nothing matches: "No customers match". */
  emptyText: string;
  /** Shown under the options, e.g. "Type to narrow the list" when only the first few came back. */
  footer?: ReactNode;
  placeholder?: string;
  className?: string;
  // Set by Field, so the label and messages point at the text box.
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/**
 * A text box that searches a list and picks one entry (the WAI-ARIA combobox pattern): type to search,
 * arrow keys to move, Enter to pick, Escape to close. Leaving the box keeps the last pick.
 */
export function Combobox(props: ComboboxProps) {
  const { value, onChange, options, onSearchChange, isLoading, error, emptyText } = props;
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const [open, setOpenState] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const shown = options ?? [];
  const searching = isLoading || options === undefined;

  function setOpen(next: boolean) {
    setOpenState(next);
    props.onOpenChange?.(next);
  }

  function type(next: string) {
    setText(next);
    setActive(0);
    onSearchChange(next);
    if (!open) setOpen(true);
  }

  function pick(option: ComboboxOption) {
    onChange(option);
    close();
  }

  function close() {
    setText(null);
    setOpen(false);
    onSearchChange("");
  }

  /** Leaving the box: an emptied box clears the pick; an exact name picks that entry; anything else is undone. */
  function leave() {
    if (text !== null) {
      const typed = text.trim().toLocaleLowerCase();
      const exact = shown.find((option) => option.name.toLocaleLowerCase() === typed);
      if (typed === "") onChange(null);
      else if (exact && exact.id !== value?.id) onChange(exact);
    }
    close();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (shown.length === 0 ? 0 : (current + step + shown.length) % shown.length));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      // While a search is under way the options shown are for earlier text; Enter must not pick one of those.
      const option = shown[active];
      if (option && !searching) pick(option);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  }

  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active, open]);

  const activeId = open && shown[active] ? `${listId}-${active}` : undefined;
  const status = error ? (
    <span className="text-red-700">{error}</span>
  ) : shown.length === 0 ? (
    searching ? (
      "Searching…"
    ) : (
      emptyText
    )
  ) : (
    props.footer
  );

  return (
    <div className={cn("relative", props.className)}>
      <Input
        id={props.id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={props["aria-invalid"]}
        aria-describedby={props["aria-describedby"]}
        autoComplete="off"
        placeholder={props.placeholder}
        value={text ?? value?.name ?? ""}
        onChange={(event) => type(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={leave}
        onClick={() => !open && setOpen(true)}
        className="pr-8"
      />
      <ChevronsUpDown size={16} aria-hidden className="pointer-events-none absolute top-2.5 right-2.5 text-slate-400" />
      {open ? (
        <div className="absolute z-20 mt-1 w-full min-w-56 overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg">
          <ul
            ref={listRef}
            id={listId}
            role="listbox"
            className={cn("max-h-64 overflow-y-auto text-sm", shown.length > 0 && "py-1", searching && "opacity-60")}
          >
            {shown.map((option, index) => (
              <li
                key={option.id}
                id={`${listId}-${index}`}
                data-index={index}
                role="option"
                aria-selected={index === active}
                // Picking happens before the text box loses focus, so leaving does not undo it.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(option);
                }}
                onMouseEnter={() => setActive(index)}
                className={cn(
                  "cursor-pointer px-3 py-1.5",
                  index === active && "bg-brand-50 text-brand-800",
                  option.id === value?.id && "font-semibold",
                )}
              >
                {option.name}
              </li>
            ))}
          </ul>
          <p role="status" className={cn("px-3 text-xs text-slate-500", status && "py-2")}>
            {status}
          </p>
        </div>
      ) : null}
    </div>
  );
}
