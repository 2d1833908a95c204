import { defineConfig } from "vitest/config";

// Hashed file names under assets/ are what lets the node serve them as immutable (FrontendRoutes).
export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a node on 8080: the API is same-origin for the app either way.
    proxy: { "/api": "http://localhost:8080" },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
