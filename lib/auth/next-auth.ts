// Web only: workers never load this module.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { env } from "../env";
import { clientIp } from "./client-ip";
import { checkSessionVersion, readSessionVersion } from "./session-version";
import { verifyCredentials } from "./verify-credentials";

// The code reaches the sign-in action, which picks the message to show.
class RefusedSignIn extends CredentialsSignin {
  constructor(readonly code: "rate_limited" | "ip_limited" | "busy") {
    super();
  }
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
      authorize: async (credentials, request) => {
        const result = await verifyCredentials(credentials, clientIp(request.headers));
        if (result.ok) return result.user;
        if (result.reason !== "invalid") throw new RefusedSignIn(result.reason);
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
