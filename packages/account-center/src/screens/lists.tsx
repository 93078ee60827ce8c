import { useState } from 'preact/hooks';
import { useClient } from '../app.js';
import { t, type MessageKey } from '../messages.js';
import { ErrorNotice, formatDate, Loading, ScreenHeading, Section, useAction, useLoad } from '../ui.js';

interface Organization {
  id: string;
  name: string;
  description?: string;
  roles: { id: string; name: string }[];
}

export function OrganizationsScreen() {
  const client = useClient();
  const organizations = useLoad<{ items: Organization[] }>(() => client.listMyOrganizations());
  return (
    <>
      <ScreenHeading>{t('organizations.heading')}</ScreenHeading>
      {organizations.data ? (
        organizations.data.items.length === 0 ? (
          <p>{t('organizations.none')}</p>
        ) : (
          organizations.data.items.map((organization) => (
            <Section key={organization.id} title={organization.name}>
              {organization.description && <p>{organization.description}</p>}
              <p>{t('organizations.roles', { roles: organization.roles.map((r) => r.name).join(', ') || t('app.none') })}</p>
            </Section>
          ))
        )
      ) : (
        <Loading error={organizations.error} retry={organizations.reload} />
      )}
    </>
  );
}

interface ActivityItem {
  id: string;
  type: string;
  at: string;
  ip?: string;
  userAgent?: string;
  result: 'success' | 'failure';
}

export function ActivityScreen() {
  const client = useClient();
  const first = useLoad<{ items: ActivityItem[]; nextCursor?: string }>(() => client.listMyActivity({ query: { limit: 20 } }));
  const [more, setMore] = useState<ActivityItem[]>([]);
  const [cursor, setCursor] = useState<string | undefined | null>(null);
  const action = useAction();
  const next = cursor === null ? first.data?.nextCursor : cursor;
  const loadMore = () =>
    void action.run(async () => {
      const page: { items: ActivityItem[]; nextCursor?: string } = await client.listMyActivity({ query: { limit: 20, cursor: next } });
      setMore([...more, ...page.items]);
      setCursor(page.nextCursor);
    });
  const items = [...(first.data?.items ?? []), ...more];
  return (
    <>
      <ScreenHeading>{t('activity.heading')}</ScreenHeading>
      {first.data ? (
        <Section title={t('activity.heading')}>
          {items.length === 0 ? (
            <p>{t('activity.none')}</p>
          ) : (
            <ul class="rows">
              {items.map((item) => (
                <li key={item.id}>
                  <span>
                    <strong>{t(`activity.type.${item.type}` as MessageKey) ?? item.type}</strong>
                    {item.result === 'failure' && ` (${t('activity.failure')})`}
                    <br />
                    <time dateTime={item.at}>{formatDate(item.at)}</time>
                    {item.ip && ` · ${item.ip}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <ErrorNotice error={action.error} />
          {next && (
            <button type="button" disabled={action.busy} onClick={loadMore}>
              {t('activity.more')}
            </button>
          )}
        </Section>
      ) : (
        <Loading error={first.error} retry={first.reload} />
      )}
    </>
  );
}
