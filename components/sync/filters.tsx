import { Badge } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { ACTION_WORDS, ENTITY_TYPES, ENTITY_WORDS, type SyncAction } from "./words";

/** The "Type" filter of the sync tables; "" is every type. */
export function TypeFilter({ value, onChange }: { value: string | undefined; onChange: (value: string | undefined) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span>Type</span>
      <Select className="w-44" value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">All types</option>
        {ENTITY_TYPES.map((type) => (
          <option key={type} value={type}>
            {ENTITY_WORDS[type].plural}
          </option>
        ))}
      </Select>
    </label>
  );
}

export function ActionBadge({ action }: { action: string }) {
  const words = ACTION_WORDS[action as SyncAction];
  return words ? <Badge className={words.className}>{words.label}</Badge> : <Badge>{action}</Badge>;
}
