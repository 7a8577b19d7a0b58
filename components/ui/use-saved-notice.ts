"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";

/**
 * The "Saved." line of a record form. A new record's page opens with ?created=1 (the form replaces the URL
 * after creating), so it starts with the created message.
 */
export function useSavedNotice(createdMessage: string) {
  const params = useSearchParams();
  return useState<string | null>(params.get("created") === "1" ? createdMessage : null);
}
