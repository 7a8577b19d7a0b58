/** Next.js calls this once per server process, before it serves requests. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startUp } = await import("./server/bootstrap");
    await startUp();
  }
}
