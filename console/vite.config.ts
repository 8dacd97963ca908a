// Vite builds the console into dist/console (served by ibex at /); Vitest runs the component
// tests (console/**/*.test.tsx) in jsdom.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../dist/console', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '^/(_ibex|[A-Z]|tags/).*': 'http://127.0.0.1:4790' } },
  test: { environment: 'jsdom', include: ['**/*.test.tsx'], root: here, setupFiles: ['./src/test-setup.ts'] },
});
