// Web only: workers never load this module.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "../env";
import { verifyCredentials } from "./verify-credentials";
import { checkSessionVersion, readSessionVersion } from "./session-version";

class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

// A function, so the environment is read at the first request, not at build.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  // Credentials sign-in requires JWT sessions; the session version makes them revocable.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  trustHost: env().AUTH_TRUST_HOST,
  logger: { error: (error) => (error instanceof CredentialsSignin ? undefined : console.error(error.message)) },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (credentials) => {
        const result = await verifyCredentials(credentials);
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new RateLimitedSignIn();
        return null;
      },
    }),
  ],
  callbacks: {
    // Returning null ends the session: next-auth clears the cookie and auth() answers null.
    jwt: async ({ token, user }) => {
      if (user?.id) return { ...token, sub: user.id, sv: await readSessionVersion(user.id), svCheckedAt: Date.now() };
      return checkSessionVersion({
        token,
        now: Date.now(),
        intervalMs: env().SESSION_CHECK_SECONDS * 1000,
        readVersion: readSessionVersion,
      });
    },
    session: ({ session, token }) => {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
