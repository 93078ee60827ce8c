import { defineConfig } from 'vite';

// `base: './'`: the same build serves from /account on the service or from any folder of a CDN.
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
});
