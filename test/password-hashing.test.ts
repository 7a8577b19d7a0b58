import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/server/auth/password";

// Hashing is slow on purpose; it must not be slow for everyone else. Forty checks at once (a burst of sign-ins or Web
// Connector authenticates) run beside the event loop, which keeps answering.
describe("password hashing", () => {
  it("checks forty passwords at once while another request is answered", async () => {
    const stored = bcrypt.hashSync("correct horse battery", 10);
    const other = createServer((_request, response) => response.end("ok"));
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    try {
      let checking = true;
      const checks = Promise.all(
        Array.from({ length: 40 }, (_, i) => verifyPassword(i === 7 ? "correct horse battery" : "wrong guess", stored)),
      ).finally(() => {
        checking = false;
      });
      const latencies: number[] = [];
      while (checking && latencies.length < 20) {
        const started = performance.now();
        await (await fetch(url)).text();
        latencies.push(performance.now() - started);
      }
      expect((await checks).filter(Boolean)).toHaveLength(1);
      expect(latencies.length).toBeGreaterThan(0);
      // The production server's figure is measured in test/server-under-load.test.ts; here: never held for seconds.
      expect(Math.max(...latencies)).toBeLessThan(1_000);
    } finally {
      other.close();
    }
  });

  it("hashes so that the same password verifies and another does not", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batter", hash)).toBe(false);
  });

  it("answers no for a stored hash it cannot read", async () => {
    expect(await verifyPassword("anything", "not a bcrypt hash")).toBe(false);
  });
});
