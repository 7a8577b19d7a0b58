import "server-only";

import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/db";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import type { SessionUser } from "@/lib/roles";
import { authSecret } from "./secret";
import { findActiveUser, signInWithPassword } from "./users";

const SESSION_HOURS = 12;

// next-auth v4 derives cookie security and callback URLs from NEXTAUTH_URL; default it so a plain
// `npm start` works on http://localhost and a deployment behind HTTPS only sets PUBLIC_URL.
process.env.NEXTAUTH_URL ??= env().PUBLIC_URL ?? `http://localhost:${env().PORT}`;

export async function authOptions(): Promise<NextAuthOptions> {
  return {
    secret: await authSecret(db()),
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          try {
            const user = await signInWithPassword(db(), credentials?.email ?? "", credentials?.password ?? "");
            return { id: String(user.id), email: user.email, name: user.name };
          } catch (error) {
            // next-auth passes the message of an Error thrown here to the sign-in page.
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = Number(user.id);
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: typeof token.uid === "number" ? token.uid : undefined };
      },
    },
  };
}

/** The signed-in, still-active user of the current request, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(await authOptions())) as { userId?: number } | null;
  if (!session?.userId) return null;
  return findActiveUser(db(), session.userId);
}
