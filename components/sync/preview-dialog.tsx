"use client";

import { useQuery } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";

/**
 * The exact qbXML a change sends, to read or copy: a candidate's if it were approved now, an approved item's on the
 * next run. `description` says which.
 */
export function PreviewDialog({
  candidate,
  description,
  onClose,
}: {
  candidate: { id: number; label: string } | null;
  description: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.sync.preview.queryOptions({ id: candidate?.id ?? 0 }), enabled: candidate !== null });
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    if (!preview.data) return;
    try {
      await navigator.clipboard.writeText(preview.data);
      setCopied("Copied.");
    } catch {
      setCopied("This browser did not allow copying; select the text and copy it instead.");
    }
  }

  return (
    <Dialog
      open={candidate !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(null);
          onClose();
        }
      }}
      title={`qbXML for ${candidate?.label ?? ""}`}
      description={description}
      className="max-w-3xl"
      footer={
        <>
          <span role="status" className="mr-auto self-center text-sm text-slate-600">
            {copied}
          </span>
          <Button variant="secondary" onClick={copy} disabled={!preview.data}>
            <Copy size={16} aria-hidden /> Copy
          </Button>
          <DialogClose asChild>
            <Button>Close</Button>
          </DialogClose>
        </>
      }
    >
      {preview.isError ? (
        <Alert>{preview.error.message}</Alert>
      ) : preview.data === undefined ? (
        <div role="status" aria-label="Building the qbXML" className="space-y-2">
          <div className="h-4 w-2/3 animate-pulse rounded bg-slate-100" />
          <div className="h-4 w-1/2 animate-pulse rounded bg-slate-100" />
        </div>
      ) : (
        // Focusable, so the keyboard can scroll a long request. Long lines wrap (the text itself, and Copy, stay exact):
        // the request's fields sit on one line, which would otherwise run out of sight to the right.
        <pre
          tabIndex={0}
          aria-label="qbXML request"
          className="max-h-[55vh] overflow-auto rounded-md bg-slate-900 p-4 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-slate-100"
        >
          {preview.data}
        </pre>
      )}
    </Dialog>
  );
}
