// One look for a message, stored or still arriving.
import { cn } from "@/components/ui/cn";

export const bubbleClass = (mine: boolean) =>
  cn("max-w-[85%] rounded-lg px-3 py-2 text-sm whitespace-pre-wrap", mine ? "bg-brand-600 text-white" : "border border-zinc-200 bg-white text-zinc-900");
