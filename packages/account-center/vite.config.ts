import { defineConfig } from 'vite';

// `base: './'`: the same build serves from /account on the service or from any folder of a CDN.
export default defineConfig({
  base: './',
  // Workspace packages (the client) are bundled from their TypeScript source, no separate build step.
  resolve: { conditions: ['source', 'module', 'browser', 'production'] },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
});
