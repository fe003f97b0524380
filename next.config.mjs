/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The M-Pesa callback path carries a secret token: keep it out of request logs.
  logging: { incomingRequests: { ignore: [/\/api\/webhooks\//] } },
};

export default nextConfig;
