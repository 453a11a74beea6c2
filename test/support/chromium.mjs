// Debian's chromium (CI installs it; GONGKAI_CHROMIUM points elsewhere), shared by the browser
// tests and bench/web. Never downloads a browser.
import { existsSync } from 'node:fs';

// Without the background-networking flags Chromium floods a closed network with lookups.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath() {
  const path = process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: install it (apt-get install -y chromium) or set GONGKAI_CHROMIUM`);
  return path;
}
