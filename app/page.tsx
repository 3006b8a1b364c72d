import { redirect } from "next/navigation";
import { currentUserId } from "@/lib/auth/session";
import { listUserOrganizations } from "@/lib/auth/membership";

export default async function Home() {
  const userId = await currentUserId();
  if (!userId) redirect("/sign-in");
  const [first] = await listUserOrganizations(userId);
  redirect(first ? `/${first.org.slug}` : "/organizations/new");
}
