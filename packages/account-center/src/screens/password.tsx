import { useState } from 'preact/hooks';
import { useClient } from '../app.js';
import { t } from '../messages.js';
import { ErrorNotice, Field, Loading, ScreenHeading, Section, Success, useAction, useLoad } from '../ui.js';

export function PasswordScreen() {
  const client = useClient();
  const status = useLoad<{ hasPassword: boolean }>(() => client.getMyPasswordStatus());
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [visible, setVisible] = useState(false);
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    if (password !== repeat) {
      action.setError({ message: t('password.mismatch') });
      return;
    }
    void action.run(async () => {
      await client.setMyPassword({ body: { password } });
      setPassword('');
      setRepeat('');
      status.setData({ hasPassword: true });
      return t('password.changed');
    });
  };
  return (
    <>
      <ScreenHeading>{t('password.heading')}</ScreenHeading>
      {status.data ? (
        <Section title={status.data.hasPassword ? t('password.submitChange') : t('password.submitSet')}>
          <p>{status.data.hasPassword ? t('password.statusSet') : t('password.statusUnset')}</p>
          <form onSubmit={submit}>
            <Field label={t('password.new')} type={visible ? 'text' : 'password'} autoComplete="new-password" required value={password} onValue={setPassword} />
            <Field label={t('password.confirm')} type={visible ? 'text' : 'password'} autoComplete="new-password" required value={repeat} onValue={setRepeat} />
            <label class="choice">
              <input type="checkbox" checked={visible} onChange={() => setVisible(!visible)} />
              {t('password.show')}
            </label>
            {action.error?.rules && <p>{t('password.rejectedIntro')}</p>}
            <ErrorNotice error={action.error} />
            <Success text={action.done} />
            <button type="submit" class="primary" disabled={action.busy}>
              {status.data.hasPassword ? t('password.submitChange') : t('password.submitSet')}
            </button>
          </form>
        </Section>
      ) : (
        <Loading error={status.error} retry={status.reload} />
      )}
    </>
  );
}
