// The console's build: a static single-page app in dist/console (deploy/local/console/build-console.ts runs
// it), served by deploy/local/console/serve-console.ts with the APIs on the same origin.
import { defineConfig } from 'vite';

export default defineConfig({
  // JSX through Vite's own transformer (Oxc): React's automatic runtime, no Babel plugin needed for a build.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    target: 'es2022',
    sourcemap: true,
    // react-admin and MUI make one large chunk; that is expected for a back-office app loaded once a day
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      // MUI and react-router mark their modules "use client" for React Server Components; a browser bundle has
      // no server components, so the directive means nothing here and its warning is noise
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { port: 5173, strictPort: true },
});
