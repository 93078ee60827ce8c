import { useEffect, useState } from 'preact/hooks';
import { useClient } from '../app.js';
import { pageAddress } from '../config.js';
import { t } from '../messages.js';
import { ErrorNotice, Field, Loading, ScreenHeading, Section, Success, useAction, useLoad } from '../ui.js';

interface Identities {
  social: { target: string; identityId: string; name?: string; email?: string }[];
  sso: { issuer: string; identityId: string; email?: string }[];
}

const PENDING_KEY = 'account-center.link';
const RESULT_KEY = 'account-center.link-result';

/**
 * Called at start-up: when the provider sent the user back here from a link we started, keep its answer for
 * the identities screen and show that screen. Returns whether it was such a return.
 */
export function captureLinkReturn(): boolean {
  const pending = sessionStorage.getItem(PENDING_KEY);
  const query = new URLSearchParams(location.search);
  if (!pending || !query.has('state')) return false;
  const { state, connectorId } = JSON.parse(pending) as { state: string; connectorId: string };
  sessionStorage.removeItem(PENDING_KEY);
  const connectorData = Object.fromEntries(query);
  sessionStorage.setItem(RESULT_KEY, JSON.stringify({ matches: connectorData.state === state, connectorId, connectorData }));
  history.replaceState(null, '', `${pageAddress()}#/identities`);
  return true;
}

export function IdentitiesScreen() {
  const client = useClient();
  const identities = useLoad<Identities>(() => client.listMyIdentities());
  const action = useAction();
  const [connectorId, setConnectorId] = useState('');

  useEffect(() => {
    const result = sessionStorage.getItem(RESULT_KEY);
    if (!result) return;
    sessionStorage.removeItem(RESULT_KEY);
    const { matches, connectorId: id, connectorData } = JSON.parse(result) as { matches: boolean; connectorId: string; connectorData: Record<string, string> };
    if (!matches) {
      action.setError({ message: t('identities.stateMismatch') });
      return;
    }
    void action.run(async () => {
      const linked = await client.linkMySocialIdentity({ body: { connectorId: id, connectorData: { ...connectorData, redirectUri: pageAddress() } } });
      identities.reload();
      return t('identities.linked', { target: linked.target });
    });
  }, []);

  const link = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const state = crypto.randomUUID();
      const { authorizationUri } = await client.createMySocialAuthorizationUri({
        body: { connectorId: connectorId.trim(), redirectUri: pageAddress(), state },
      });
      sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, connectorId: connectorId.trim() }));
      location.assign(authorizationUri);
    });
  };
  const unlink = (target: string) =>
    void action.run(async () => {
      await client.unlinkMySocialIdentity({ path: { target } });
      identities.reload();
      return t('identities.unlinked', { target });
    });

  return (
    <>
      <ScreenHeading>{t('identities.heading')}</ScreenHeading>
      <ErrorNotice error={action.error} />
      <Success text={action.done} />
      {identities.data ? (
        <>
          <Section title={t('identities.social')}>
            {identities.data.social.length === 0 ? (
              <p>{t('identities.none')}</p>
            ) : (
              <ul class="rows">
                {identities.data.social.map((identity) => (
                  <li key={identity.target}>
                    <span>
                      <strong>{identity.target}</strong> {identity.name ?? identity.email ?? identity.identityId}
                    </span>
                    <button type="button" class="danger" disabled={action.busy} onClick={() => unlink(identity.target)}>
                      {t('identities.unlink', { target: identity.target })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </Section>
          {identities.data.sso.length > 0 && (
            <Section title={t('identities.sso')}>
              <ul class="rows">
                {identities.data.sso.map((identity) => (
                  <li key={identity.identityId}>
                    {identity.issuer} {identity.email ?? identity.identityId}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title={t('identities.link')}>
            <form onSubmit={link}>
              <Field label={t('identities.connector')} required value={connectorId} onValue={setConnectorId} />
              <button type="submit" class="primary" disabled={action.busy}>
                {t('identities.linkStart')}
              </button>
            </form>
          </Section>
        </>
      ) : (
        <Loading error={identities.error} retry={identities.reload} />
      )}
    </>
  );
}
