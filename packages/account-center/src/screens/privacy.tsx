import { useState } from 'preact/hooks';
import { useClient } from '../app.js';
import { t } from '../messages.js';
import { download, ErrorNotice, Field, formatDate, Loading, ScreenHeading, Section, Success, useAction, useLoad } from '../ui.js';

interface Deletion {
  status: 'none' | 'scheduled';
  requestedAt?: string;
  scheduledFor?: string;
}

export function PrivacyScreen() {
  const client = useClient();
  const deletion = useLoad<Deletion>(() => client.getMyAccountDeletion());
  const exporting = useAction();
  const deleting = useAction();
  const [confirmWord, setConfirmWord] = useState('');

  const exportData = () =>
    void exporting.run(async () => {
      const data = await client.exportMyAccount();
      download('account-export.json', `${JSON.stringify(data, null, 2)}\n`, 'application/json');
      return t('privacy.exported');
    });
  const schedule = (event: Event) => {
    event.preventDefault();
    void deleting.run(async () => {
      const status: Deletion | undefined = await client.deleteMyAccount();
      if (!status || status.status !== 'scheduled') return t('privacy.deletedNow');
      deletion.setData(status);
      setConfirmWord('');
    });
  };
  const cancel = () =>
    void deleting.run(async () => {
      await client.cancelMyAccountDeletion();
      deletion.setData({ status: 'none' });
      return t('privacy.cancelled');
    });

  return (
    <>
      <ScreenHeading>{t('privacy.heading')}</ScreenHeading>
      <Section title={t('privacy.export')}>
        <p>{t('privacy.exportHelp')}</p>
        <ErrorNotice error={exporting.error} />
        <Success text={exporting.done} />
        <button type="button" class="primary" disabled={exporting.busy} onClick={exportData}>
          {t('privacy.exportButton')}
        </button>
      </Section>
      <Section title={t('privacy.delete')}>
        {deletion.data ? (
          deletion.data.status === 'scheduled' ? (
            <>
              <p class="notice notice-warning">{t('privacy.scheduled', { date: formatDate(deletion.data.scheduledFor) })}</p>
              <ErrorNotice error={deleting.error} />
              <button type="button" class="primary" disabled={deleting.busy} onClick={cancel}>
                {t('privacy.cancelDeletion')}
              </button>
            </>
          ) : (
            <form onSubmit={schedule}>
              <p>{t('privacy.deleteHelp')}</p>
              <Field label={t('privacy.deleteConfirm')} autoComplete="off" required value={confirmWord} onValue={setConfirmWord} />
              <ErrorNotice error={deleting.error} />
              <Success text={deleting.done} />
              <button type="submit" class="danger" disabled={deleting.busy || confirmWord !== t('privacy.deleteWord')}>
                {t('privacy.deleteButton')}
              </button>
            </form>
          )
        ) : (
          <Loading error={deletion.error} retry={deletion.reload} />
        )}
      </Section>
    </>
  );
}
