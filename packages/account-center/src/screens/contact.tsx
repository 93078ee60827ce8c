import { useState } from 'preact/hooks';
import { useClient } from '../app.js';
import { t } from '../messages.js';
import { ErrorNotice, Field, Loading, ScreenHeading, Section, Success, useAction, useLoad } from '../ui.js';

interface Account {
  primaryEmail: string | null;
  primaryPhone: string | null;
}

export function ContactScreen() {
  const client = useClient();
  const account = useLoad<Account>(() => client.getMyAccount());
  return (
    <>
      <ScreenHeading>{t('contact.heading')}</ScreenHeading>
      {account.data ? (
        <>
          <ChangeContact kind="email" current={account.data.primaryEmail} onChanged={account.reload} />
          <ChangeContact kind="phone" current={account.data.primaryPhone} onChanged={account.reload} />
        </>
      ) : (
        <Loading error={account.error} retry={account.reload} />
      )}
    </>
  );
}

function ChangeContact({ kind, current, onChanged }: { kind: 'email' | 'phone'; current: string | null; onChanged: () => void }) {
  const client = useClient();
  const [value, setValue] = useState('');
  const [sentTo, setSentTo] = useState<string>();
  const [code, setCode] = useState('');
  const action = useAction();
  const email = kind === 'email';

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      if (!sentTo) {
        if (email) await client.sendEmailVerificationCode({ body: { email: value.trim() } });
        else await client.sendPhoneVerificationCode({ body: { phone: value.trim() } });
        setSentTo(value.trim());
        return t('contact.codeSent', { target: value.trim() });
      }
      if (email) await client.updateMyEmail({ body: { email: sentTo, code: code.trim() } });
      else await client.updateMyPhone({ body: { phone: sentTo, code: code.trim() } });
      const changed = sentTo;
      setSentTo(undefined);
      setValue('');
      setCode('');
      onChanged();
      return t(email ? 'contact.emailChanged' : 'contact.phoneChanged', { value: changed });
    });
  };
  const remove = () =>
    void action.run(async () => {
      if (email) await client.removeMyEmail();
      else await client.removeMyPhone();
      onChanged();
      return t('contact.removed');
    });

  return (
    <Section title={t(email ? 'contact.email' : 'contact.phone')}>
      <p>{t('contact.current', { value: current ?? t('contact.noneSet') })}</p>
      <form onSubmit={submit}>
        <Field
          label={t(email ? 'contact.newEmail' : 'contact.newPhone')}
          type={email ? 'email' : 'tel'}
          autoComplete={email ? 'email' : 'tel'}
          required
          readOnly={!!sentTo}
          value={value}
          onValue={setValue}
        />
        {sentTo && (
          <Field label={t('contact.code')} inputMode="numeric" autoComplete="one-time-code" required value={code} onValue={setCode} />
        )}
        <ErrorNotice error={action.error} />
        <Success text={action.done} />
        <div class="actions">
          <button type="submit" class="primary" disabled={action.busy}>
            {sentTo ? t('contact.confirm') : t('contact.sendCode')}
          </button>
          {sentTo && (
            <button type="button" onClick={() => (setSentTo(undefined), setCode(''))}>
              {t('app.cancel')}
            </button>
          )}
          {current && !sentTo && (
            <button type="button" class="danger" disabled={action.busy} onClick={remove}>
              {t('contact.remove')}
            </button>
          )}
        </div>
      </form>
    </Section>
  );
}
