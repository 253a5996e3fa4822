// Starts the console: reads the runtime configuration, finishes a sign-in when the provider sent the
// browser back to /auth/callback, then shows react-admin (which routes on the URL's hash).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { CALLBACK_PATH, completeSignIn, createUserManager } from './auth/user-manager';
import { loadConfig } from './config';

const root = createRoot(document.getElementById('root')!);

/** Before the translations are loaded: both languages at once. */
function showFailure(indonesian: string, english: string, reason: string): void {
  root.render(
    <main role="alert" style={{ fontFamily: 'sans-serif', margin: '4rem auto', maxWidth: '40rem' }}>
      <p>
        {indonesian}: {reason}
      </p>
      <p lang="en">
        {english}: {reason}
      </p>
      <p>
        <a href="/">Jaring</a>
      </p>
    </main>,
  );
}

async function start(): Promise<void> {
  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    return showFailure('Konsol tidak dapat membaca pengaturannya', 'The console cannot read its settings', (error as Error).message);
  }
  const userManager = createUserManager(config);
  if (window.location.pathname === CALLBACK_PATH) {
    try {
      await completeSignIn(userManager);
    } catch (error) {
      // e.g. the provider refused, or the page was opened twice (the code is used once)
      return showFailure('Gagal masuk', 'The sign-in failed', (error as Error).message);
    }
  } else if (window.location.pathname !== '/') {
    // every page of the console lives under / (hash routes); a deep path from elsewhere lands on its hash
    window.history.replaceState(null, '', `/${window.location.hash}`);
  }
  root.render(
    <StrictMode>
      <App config={config} userManager={userManager} />
    </StrictMode>,
  );
}

void start();
