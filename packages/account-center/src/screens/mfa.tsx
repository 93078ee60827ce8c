import { useState } from 'preact/hooks';
import { useClient } from '../app.js';
import { t, type MessageKey } from '../messages.js';
import { download, ErrorNotice, Field, formatDate, Loading, ScreenHeading, Section, Success, useAction, useLoad } from '../ui.js';

interface Factor {
  id: string;
  type: 'totp' | 'webauthn' | 'backup_code' | 'email_code' | 'phone_code';
  createdAt: string;
  name?: string;
  remainingCodes?: number;
}
interface Enrollment {
  enrollmentId: string;
  secret: string;
  qrCode: string;
  expiresAt: string;
}

export function MfaScreen() {
  const client = useClient();
  const factors = useLoad<{ items: Factor[] }>(() => client.listMyMfaFactors());
  const backup = useLoad<{ total: number; remaining: number }>(() => client.getMyBackupCodesStatus());
  const action = useAction();
  const reload = () => (factors.reload(), backup.reload());
  // Shown here: the enrollment's own section goes away once the factor is listed.
  const enrolled = (text: string) => (action.setDone(text), reload());
  const remove = (factor: Factor) =>
    void action.run(async () => {
      await client.removeMyMfaFactor({ path: { factorId: factor.id } });
      reload();
      return t('mfa.removed');
    });
  const hasTotp = factors.data?.items.some((f) => f.type === 'totp');

  return (
    <>
      <ScreenHeading>{t('mfa.heading')}</ScreenHeading>
      {factors.data ? (
        <>
          <Section title={t('mfa.factors')}>
            {factors.data.items.length === 0 ? (
              <p>{t('mfa.none')}</p>
            ) : (
              <ul class="rows">
                {factors.data.items.map((factor) => {
                  const name = t(`mfa.type.${factor.type}` as MessageKey);
                  return (
                    <li key={factor.id}>
                      <span>
                        <strong>{name}</strong> {t('mfa.added', { date: formatDate(factor.createdAt) })}
                        {factor.remainingCodes !== undefined && ` · ${t('mfa.remaining', { count: factor.remainingCodes })}`}
                      </span>
                      <button type="button" class="danger" disabled={action.busy} onClick={() => remove(factor)}>
                        {t('mfa.remove', { name })}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
            <ErrorNotice error={action.error} />
            <Success text={action.done} />
          </Section>
          {!hasTotp && <TotpEnrollment onDone={enrolled} />}
          <BackupCodes status={backup.data} onDone={reload} />
        </>
      ) : (
        <Loading error={factors.error} retry={factors.reload} />
      )}
    </>
  );
}

function TotpEnrollment({ onDone }: { onDone: (text: string) => void }) {
  const client = useClient();
  const [enrollment, setEnrollment] = useState<Enrollment>();
  const [code, setCode] = useState('');
  const action = useAction();
  const start = () =>
    void action.run(async () => {
      setEnrollment(await client.startMyTotpEnrollment());
    });
  const confirm = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      await client.confirmMyTotpEnrollment({ body: { enrollmentId: enrollment!.enrollmentId, code: code.trim() } });
      setEnrollment(undefined);
      setCode('');
      onDone(t('mfa.totpDone'));
    });
  };
  return (
    <Section title={t('mfa.addTotp')}>
      {enrollment ? (
        <form onSubmit={confirm}>
          <p>{t('mfa.scan')}</p>
          <img class="qr" src={enrollment.qrCode} alt={t('mfa.qrAlt')} width={200} height={200} />
          <p>
            {t('mfa.secret')}: <code data-testid="totp-secret">{enrollment.secret}</code>
          </p>
          <Field label={t('mfa.totpCode')} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" required value={code} onValue={setCode} />
          <ErrorNotice error={action.error} />
          <button type="submit" class="primary" disabled={action.busy}>
            {t('mfa.verify')}
          </button>
        </form>
      ) : (
        <>
          <ErrorNotice error={action.error} />
          <Success text={action.done} />
          <button type="button" class="primary" disabled={action.busy} onClick={start}>
            {t('mfa.addTotp')}
          </button>
        </>
      )}
    </Section>
  );
}

function BackupCodes({ status, onDone }: { status?: { total: number; remaining: number }; onDone: () => void }) {
  const client = useClient();
  const [codes, setCodes] = useState<string[]>();
  const action = useAction();
  const generate = () =>
    void action.run(async () => {
      const result: { codes: string[] } = await client.regenerateMyBackupCodes();
      setCodes(result.codes);
    });
  const save = () =>
    download(
      'backup-codes.txt',
      `${t('mfa.backupFileHeader', { date: new Date().toISOString() })}\n\n${codes!.join('\n')}\n`,
      'text/plain',
    );
  return (
    <Section title={t('mfa.backupHeading')}>
      {codes ? (
        <>
          <p role="status">{t('mfa.backupShownOnce')}</p>
          <ul class="codes" data-testid="backup-codes">
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <div class="actions">
            <button type="button" class="primary" onClick={save}>
              {t('mfa.backupDownload')}
            </button>
            <button type="button" onClick={() => (setCodes(undefined), onDone())}>
              {t('mfa.backupDone')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{status && status.total > 0 ? t('mfa.backupStatus', status) : t('mfa.backupNone')}</p>
          <ErrorNotice error={action.error} />
          <button type="button" disabled={action.busy} onClick={generate}>
            {t('mfa.backupGenerate')}
          </button>
        </>
      )}
    </Section>
  );
}
