import { useClient } from '../app.js';
import { t } from '../messages.js';
import { ErrorNotice, formatDate, Loading, ScreenHeading, Section, Success, useAction, useLoad } from '../ui.js';

interface Session {
  id: string;
  signedInAt: string;
  expiresAt: string;
  applications: { id: string; name?: string }[];
  ip?: string;
  userAgent?: string;
  method?: string;
}
interface Grant {
  id: string;
  application: { id: string; name: string };
  scopes: string[];
  createdAt: string;
}

export function SessionsScreen() {
  const client = useClient();
  const sessions = useLoad<{ items: Session[] }>(() => client.listMySessions());
  const grants = useLoad<{ items: Grant[] }>(() => client.listMyGrants());
  const action = useAction();
  const revoke = (id: string) =>
    void action.run(async () => {
      await client.revokeMySession({ path: { sessionId: id } });
      sessions.reload();
      return t('sessions.revoked');
    });
  const revokeAll = () =>
    void action.run(async () => {
      await client.revokeAllMySessions();
      sessions.reload();
      return t('sessions.revokedAll');
    });
  const revokeGrant = (id: string) =>
    void action.run(async () => {
      await client.revokeMyGrant({ path: { grantId: id } });
      grants.reload();
      return t('sessions.grantRevoked');
    });
  return (
    <>
      <ScreenHeading>{t('sessions.heading')}</ScreenHeading>
      <ErrorNotice error={action.error} />
      <Success text={action.done} />
      <Section title={t('sessions.sessions')}>
        {sessions.data ? (
          sessions.data.items.length === 0 ? (
            <p>{t('sessions.none')}</p>
          ) : (
            <>
              <ul class="rows">
                {sessions.data.items.map((session) => (
                  <li key={session.id}>
                    <span>
                      <strong>{session.userAgent ?? t('sessions.unknownDevice')}</strong>
                      {session.ip && ` · ${session.ip}`}
                      <br />
                      {t('sessions.signedIn', { date: formatDate(session.signedInAt) })} · {t('sessions.expires', { date: formatDate(session.expiresAt) })}
                      {session.applications.length > 0 && (
                        <>
                          <br />
                          {t('sessions.apps', { apps: session.applications.map((a) => a.name ?? a.id).join(', ') })}
                        </>
                      )}
                    </span>
                    <button type="button" class="danger" disabled={action.busy} onClick={() => revoke(session.id)}
                      aria-label={t('sessions.revokeNamed', { device: session.userAgent ?? t('sessions.unknownDevice') })}
                    >
                      {t('sessions.revoke')}
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" class="danger" disabled={action.busy} onClick={revokeAll}>
                {t('sessions.revokeAll')}
              </button>
            </>
          )
        ) : (
          <Loading error={sessions.error} retry={sessions.reload} />
        )}
      </Section>
      <Section title={t('sessions.grants')}>
        {grants.data ? (
          grants.data.items.length === 0 ? (
            <p>{t('sessions.grantsNone')}</p>
          ) : (
            <ul class="rows">
              {grants.data.items.map((grant) => (
                <li key={grant.id}>
                  <span>
                    <strong>{grant.application.name}</strong>
                    <br />
                    {t('sessions.grantScopes', { scopes: grant.scopes.join(', ') || t('app.none') })}
                  </span>
                  <button type="button" class="danger" disabled={action.busy} onClick={() => revokeGrant(grant.id)}>
                    {t('sessions.revokeGrant', { name: grant.application.name })}
                  </button>
                </li>
              ))}
            </ul>
          )
        ) : (
          <Loading error={grants.error} retry={grants.reload} />
        )}
      </Section>
    </>
  );
}
