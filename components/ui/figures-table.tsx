import type { ReactNode } from "react";

import { cn } from "./cn";

type TFiguresRow = { key: string; name: ReactNode; figures: ReactNode[] };

// A small table of figures per named thing (a provider): the first column
// heads each row, the figures line up on the right. The caption gives the
// table its accessible name; the card around it shows the same words.
export function FiguresTable({ caption, columns, rows, total }: { caption: string; columns: string[]; rows: TFiguresRow[]; total?: TFiguresRow }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-left text-xs text-zinc-500">
          {columns.map((column, index) => (
            <th key={column} scope="col" className={cn("py-1 font-medium", index > 0 && "text-right")}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Row key={row.key} row={row} />
        ))}
      </tbody>
      {total ? (
        <tfoot>
          <Row row={total} total />
        </tfoot>
      ) : null}
    </table>
  );
}

function Row({ row, total = false }: { row: TFiguresRow; total?: boolean }) {
  return (
    <tr className={cn("border-t", total ? "border-zinc-200 font-medium text-zinc-900" : "border-zinc-100 text-zinc-700")}>
      <th scope="row" className={cn("truncate py-1 text-left", total ? "font-medium" : "font-normal text-zinc-800")}>
        {row.name}
      </th>
      {row.figures.map((figure, index) => (
        <td key={index} className="py-1 text-right tabular-nums">
          {figure}
        </td>
      ))}
    </tr>
  );
}
