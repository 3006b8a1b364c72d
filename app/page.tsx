import { redirect } from "next/navigation";

import { listUserOrganizations } from "@/lib/auth/membership";
import { requireUser } from "@/lib/auth/session";

export default async function Home() {
  const user = await requireUser();
  const [first] = await listUserOrganizations(user.id);
  redirect(first ? `/${first.org.slug}` : "/organizations/new");
}
