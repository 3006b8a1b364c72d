"use server";
import { redirect } from "next/navigation";

import { userFormAction } from "@/app/_lib/define-action";
import { createOrganization } from "@/lib/orgs/create-organization";
import { ZOrganizationName } from "@/lib/orgs/schemas";

export const createOrganizationAction = userFormAction({
  action: "create-organization",
  session: "signed-in",
  schema: ZOrganizationName,
  fields: ["name"],
  run: (data, userId) => createOrganization({ userId, name: data.name }),
  then: async (org) => redirect(`/${org.slug}`),
});
