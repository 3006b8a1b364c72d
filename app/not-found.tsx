import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="max-w-sm text-sm text-zinc-600">It does not exist, or it belongs to an organization you are not a member of.</p>
      <ButtonLink href="/" variant="secondary" className="mt-2">
        Go to your dashboard
      </ButtonLink>
    </main>
  );
}
