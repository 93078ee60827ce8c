import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { AccountClient } from './api.js';
import { t, type MessageKey } from './messages.js';
import { ContactScreen } from './screens/contact.js';
import { IdentitiesScreen } from './screens/identities.js';
import { MfaScreen } from './screens/mfa.js';
import { ActivityScreen, OrganizationsScreen } from './screens/lists.js';
import { PasswordScreen } from './screens/password.js';
import { PrivacyScreen } from './screens/privacy.js';
import { ProfileScreen } from './screens/profile.js';
import { SessionsScreen } from './screens/sessions.js';

export const ClientContext = createContext<AccountClient>(undefined as unknown as AccountClient);
export const useClient = () => useContext(ClientContext);

export const SCREENS = {
  profile: ProfileScreen,
  contact: ContactScreen,
  password: PasswordScreen,
  identities: IdentitiesScreen,
  mfa: MfaScreen,
  sessions: SessionsScreen,
  organizations: OrganizationsScreen,
  activity: ActivityScreen,
  privacy: PrivacyScreen,
} as const;
type ScreenName = keyof typeof SCREENS;

function currentScreen(): ScreenName {
  const name = location.hash.replace(/^#\/?/, '').split('?')[0];
  return name in SCREENS ? (name as ScreenName) : 'profile';
}

export function App({ client, signOut }: { client: AccountClient; signOut: () => void }) {
  const [screen, setScreen] = useState<ScreenName>(currentScreen);
  useEffect(() => {
    const onHash = () => setScreen(currentScreen());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${t(`nav.${screen}` as MessageKey)} · ${t('app.title')}`;
  }, [screen]);
  const Screen = SCREENS[screen];
  return (
    <ClientContext.Provider value={client}>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <header class="topbar">
        <span class="brand">{t('app.title')}</span>
        <button type="button" onClick={signOut}>
          {t('app.signOut')}
        </button>
      </header>
      <div class="layout">
        <nav aria-label={t('app.nav')}>
          <ul>
            {(Object.keys(SCREENS) as ScreenName[]).map((name) => (
              <li key={name}>
                <a href={`#/${name}`} aria-current={name === screen ? 'page' : undefined}>
                  {t(`nav.${name}` as MessageKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Screen key={screen} />
        </main>
      </div>
    </ClientContext.Provider>
  );
}
