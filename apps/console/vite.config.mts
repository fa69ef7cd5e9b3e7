import { defineConfig } from 'vite';

// Vite 8 compiles TSX with Oxc; React 19 uses the automatic JSX runtime (no React import needed).
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // react-router marks its modules "use client" (a server-components hint); harmless in a SPA bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { port: 5173, proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } } },
  preview: { port: 4173, proxy: { '/api': { target: 'http://127.0.0.1:3000' } } },
});
