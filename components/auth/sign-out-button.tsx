import { Button } from "@/components/ui/button";
import { signOut } from "@/lib/auth/next-auth";

export function SignOutButton({ redirectTo = "/sign-in", label = "Sign out" }: { redirectTo?: string; label?: string }) {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo });
      }}
    >
      <Button type="submit" variant="ghost" size="sm">
        {label}
      </Button>
    </form>
  );
}
