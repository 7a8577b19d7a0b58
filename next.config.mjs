/** @type {import('next').NextConfig} */
const nextConfig = {
  // node-soap and the libSQL client load native or dynamic modules at run time; keep them out of the bundle.
  serverExternalPackages: ["soap", "@libsql/client", "libsql", "bcryptjs"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project once (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // Next 16's `next dev` writes an AGENTS.md into the repository and its builds look up newer releases in the
  // background; upgrades here are deliberate commits, and the tree should stay as committed.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default nextConfig;
