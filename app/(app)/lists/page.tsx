import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { AccountsSection } from "@/components/lists/accounts-section";
import {
  PaymentMethodsSection,
  SalesTaxCodesSection,
  SalesTaxGroupsSection,
  SalesTaxItemsSection,
  TermsSection,
} from "@/components/lists/list-sections";

export const metadata: Metadata = { title: "Lists" };

export default function ListsPage() {
  return (
    <>
      <PageHeader
        title="Lists"
        description="The short lists invoices, payments and bills choose from. Inactive entries stay on saved records."
      />
      <div className="grid items-start gap-6 xl:grid-cols-2">
        <PaymentMethodsSection />
        <TermsSection />
        <div className="xl:col-span-2">
          <SalesTaxCodesSection />
        </div>
        <div className="xl:col-span-2">
          <SalesTaxItemsSection />
        </div>
        <div className="xl:col-span-2">
          <SalesTaxGroupsSection />
        </div>
        <div className="xl:col-span-2">
          <AccountsSection />
        </div>
      </div>
    </>
  );
}
