/** @type {import('next').NextConfig} */
const nextConfig = {
  // node-soap and the libSQL client load native or dynamic modules at run time; keep them out of the bundle.
  serverExternalPackages: ["soap", "@libsql/client", "libsql", "bcryptjs"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
