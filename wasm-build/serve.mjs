#!/usr/bin/env node
// Serves the built section (dist/) with Vite's preview server under the strict Content-Security-Policy and
// prints its URL. Port: $PORT or 4173 (the next free one if taken).
import { preview } from 'vite';

const server = await preview({
  configFile: new URL('../web/vite.config.js', import.meta.url).pathname,
  preview: { port: Number(process.env.PORT) || 4173, host: process.env.HOST || 'localhost', open: false },
});
const url = server.resolvedUrls?.local?.[0] ?? 'http://localhost:4173/';
console.log(`\nLossLab is being served at ${url}\n  one widget alone: ${url}embed.html?widget=bce-explorer\nPress Ctrl+C to stop.`);
