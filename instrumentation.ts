/** Next.js calls this once per server process, before it serves requests; `npm start`'s server has started up already. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { STARTED_UP, startUp } = await import("./server/bootstrap");
    if (!process.env[STARTED_UP]) await startUp();
  }
}
