import { z } from "zod";

// At most 254 characters (RFC 5321's path limit): it names Redis keys of the sign-in limits.
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address" }).max(254, "Enter a valid email address"));

export const ZSignUp = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100, "Keep the name under 100 characters"),
  email: ZEmail,
  password: z.string().min(10, "Use at least 10 characters").max(200, "Keep the password under 200 characters"),
});
export type TSignUp = z.infer<typeof ZSignUp>;

// Where sign-in leads: a path on this site only (never "//host" or "/\\host"),
// anything else goes home.
export const ZNextPath = z
  .string()
  .max(300)
  .regex(/^\/(?![/\\])[^\s\\]*$/)
  .catch("/");

export const ZSignIn = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password").max(200, "Wrong email or password"),
  next: ZNextPath,
});
