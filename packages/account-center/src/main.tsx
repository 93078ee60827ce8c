import LogtoClient from '@logto/browser';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createAccountClient } from './api.js';
import { App } from './app.js';
import { loadConfig, pageAddress, type AccountCenterConfig } from './config.js';
import { t } from './messages.js';
import { requestStepUp, StepUpDialog } from './step-up.js';
import { captureLinkReturn } from './screens/identities.js';
import { Loading } from './ui.js';
import './styles.css';

type State =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | { phase: 'signed-out'; config: AccountCenterConfig; logto: LogtoClient; failed?: boolean }
  | { phase: 'signed-in'; config: AccountCenterConfig; logto: LogtoClient };

async function start(): Promise<State> {
  let config: AccountCenterConfig;
  try {
    config = await loadConfig();
  } catch {
    return { phase: 'error', message: t('app.configMissing') };
  }
  const logto = new LogtoClient({
    endpoint: config.logtoEndpoint,
    appId: config.appId,
    resources: [config.apiResource],
    scopes: config.scopes ?? ['account:read', 'account:write'],
  });
  try {
    if (captureLinkReturn()) {
      // The provider's answer to a link this page started, not a sign-in.
    } else if (await logto.isSignInRedirected(location.href)) {
      await logto.handleSignInCallback(location.href);
      history.replaceState(null, '', pageAddress() + location.hash);
    }
    if (await logto.isAuthenticated()) return { phase: 'signed-in', config, logto };
    return { phase: 'signed-out', config, logto };
  } catch {
    history.replaceState(null, '', pageAddress());
    return { phase: 'signed-out', config, logto, failed: true };
  }
}

function Root() {
  const [state, setState] = useState<State>({ phase: 'loading' });
  useEffect(() => {
    void start().then(setState);
  }, []);

  if (state.phase === 'loading') return <main id="main"><Loading /></main>;
  if (state.phase === 'error')
    return (
      <main id="main" class="centered">
        <h1>{t('app.title')}</h1>
        <p role="alert" class="notice notice-error">{state.message}</p>
      </main>
    );
  if (state.phase === 'signed-out') return <SignedOut state={state} />;
  return <SignedIn config={state.config} logto={state.logto} />;
}

function SignedOut({ state }: { state: Extract<State, { phase: 'signed-out' }> }) {
  const [failed, setFailed] = useState(state.failed ?? false);
  const [busy, setBusy] = useState(false);
  const signIn = async () => {
    setBusy(true);
    setFailed(false);
    try {
      // Fails (discovery fetch) when Logto is down, before leaving the page.
      await state.logto.signIn(state.config.redirectUri ?? pageAddress());
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };
  return (
    <main id="main" class="centered">
      <h1>{t('app.title')}</h1>
      <p>{t('app.signedOut')}</p>
      {failed && <p role="alert" class="notice notice-error">{t('app.signInFailed')}</p>}
      <button type="button" class="primary" disabled={busy} onClick={signIn}>
        {t('app.signIn')}
      </button>
    </main>
  );
}

function SignedIn({ config, logto }: { config: AccountCenterConfig; logto: LogtoClient }) {
  const client = useMemo(
    () =>
      createAccountClient({
        baseUrl: config.serviceUrl,
        getAccessToken: () => logto.getAccessToken(config.apiResource),
        onVerificationRequired: requestStepUp,
      }),
    [config, logto],
  );
  const signOut = () => void logto.signOut(config.postSignOutRedirectUri ?? pageAddress());
  return (
    <>
      <App client={client} signOut={signOut} />
      <StepUpDialog client={client} />
    </>
  );
}

render(<Root />, document.getElementById('app')!);
