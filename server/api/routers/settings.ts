import { adminProcedure, createTRPCRouter } from "@/server/api/trpc";
import { env } from "@/server/env";
import { companyFileStatus, rebindCompanyFile } from "@/server/qbwc/company-file";
import { qbwcCredentialsInput, qbwcUsername, setQbwcCredentials } from "@/server/qbwc/credentials";
import { pauseInput, pauseSync, resumeSync } from "@/server/qbwc/pause";
import { qwcProblem, webConnectorUrls } from "@/server/qbwc/qwc";
import {
  configuredPublicUrl,
  publicUrlInput,
  runEveryNMinutes,
  scheduleInput,
  setPublicUrl,
  setRunEveryNMinutes,
} from "@/server/qbwc/settings";

/** Admin settings. The Web Connector's password is write-only: it is stored hashed and never returned. */
export const settingsRouter = createTRPCRouter({
  qbwc: createTRPCRouter({
    getCredentials: adminProcedure.query(async ({ ctx }) => ({ username: await qbwcUsername(ctx.db) })),
    setCredentials: adminProcedure.input(qbwcCredentialsInput).mutation(async ({ ctx, input }) => {
      await setQbwcCredentials(ctx.db, input, ctx.user);
      return { username: input.username };
    }),
    /** What the Web Connector settings page shows: the URLs, the schedule, and why no .qwc can be made yet. */
    getConnection: adminProcedure.query(async ({ ctx }) => {
      const envPublicUrl = env().PUBLIC_URL;
      const publicUrl = await configuredPublicUrl(ctx.db, envPublicUrl);
      return {
        publicUrl: publicUrl?.url ?? null,
        publicUrlSource: publicUrl?.source ?? null,
        ...(publicUrl ? webConnectorUrls(publicUrl.url) : { appUrl: null, supportUrl: null }),
        runEveryNMinutes: await runEveryNMinutes(ctx.db),
        qwcProblem: await qwcProblem(ctx.db, envPublicUrl),
      };
    }),
    /** Pause syncing (with a reason) or resume it; the header, the Web Connector and the audit log say so. */
    pause: adminProcedure.input(pauseInput).mutation(({ ctx, input }) => pauseSync(ctx.db, ctx.user, input, new Date())),
    resume: adminProcedure.mutation(({ ctx }) => resumeSync(ctx.db, ctx.user, new Date())),
    setPublicUrl: adminProcedure.input(publicUrlInput).mutation(({ ctx, input }) => setPublicUrl(ctx.db, input, ctx.user)),
    setSchedule: adminProcedure.input(scheduleInput).mutation(({ ctx, input }) => setRunEveryNMinutes(ctx.db, input, ctx.user)),
  }),
  /** The one QuickBooks company file Ledgerbridge syncs with: the first run binds it, and only an admin rebinds it. */
  companyFile: createTRPCRouter({
    get: adminProcedure.query(({ ctx }) => companyFileStatus(ctx.db)),
    rebind: adminProcedure.mutation(({ ctx }) => rebindCompanyFile(ctx.db, ctx.user, new Date())),
  }),
});
