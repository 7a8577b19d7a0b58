import { redirect } from "next/navigation";

// The Sync Wizard becomes the start page once the sync engine lands; until then the records are.
export default function HomePage() {
  redirect("/customers");
}
