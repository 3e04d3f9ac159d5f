// Starts the preview server for dist/ on a free port and tells the tests where it is.
import { preview } from 'vite';

export default async function setup({ provide }) {
  const server = await preview({
    configFile: new URL('../../web/vite.config.js', import.meta.url).pathname,
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  provide('baseUrl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await new Promise((resolve) => server.httpServer.close(resolve));
  };
}
