/** One column of a line editor's head: its label, its width, and whether only a screen reader says it. */
export interface LineColumn {
  label: string;
  className?: string;
  srOnly?: boolean;
}

/** The head row of a line editor (invoice lines, a bill's expense and item lines). */
export function LinesHead({ columns }: { columns: readonly LineColumn[] }) {
  return (
    <thead className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
      <tr className="border-b border-slate-200">
        {columns.map((column) => (
          <th key={column.label} scope="col" className={`py-2 pr-3 ${column.className ?? ""}`}>
            {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
