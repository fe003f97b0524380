/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // Lets parallel builds (CI jobs, several developers' e2e runs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  // The M-Pesa callback path carries a secret token: keep it out of request logs.
  logging: { incomingRequests: { ignore: [/\/api\/webhooks\//] } },
};

export default nextConfig;
