import { useEffect, useRef, useState } from 'preact/hooks';
import { StepUpCancelled, type AccountClient } from './api.js';
import { t, type MessageKey } from './messages.js';
import { ErrorNotice, Field, useAction } from './ui.js';

type Method = 'password' | 'email' | 'phone';
const SUPPORTED: readonly Method[] = ['password', 'email', 'phone'];

interface Pending {
  methods: Method[];
  resolve: (verificationId: string) => void;
  reject: (error: Error) => void;
}

let show: ((pending: Pending) => void) | undefined;

/**
 * The client's `onVerificationRequired`: opens the dialog with the methods the service offered this user and
 * resolves with a verified Verification-Id (or rejects when the user cancels).
 */
export function requestStepUp({ methods }: { methods: readonly string[] }): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!show) return reject(new StepUpCancelled());
    show({ methods: SUPPORTED.filter((m) => methods.includes(m)), resolve, reject });
  });
}

export function StepUpDialog({ client }: { client: AccountClient }) {
  const [pending, setPending] = useState<Pending>();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    show = setPending;
    return () => {
      show = undefined;
    };
  }, []);
  useEffect(() => {
    if (pending && !dialog.current?.open) dialog.current?.showModal();
  }, [pending]);

  const finish = (outcome: { id: string } | { cancelled: true }) => {
    if (!pending) return;
    if ('id' in outcome) pending.resolve(outcome.id);
    else pending.reject(new StepUpCancelled());
    setPending(undefined);
    dialog.current?.close();
  };

  return (
    <dialog ref={dialog} aria-labelledby="step-up-title" onCancel={(e) => (e.preventDefault(), finish({ cancelled: true }))}>
      {pending && <StepUpForm key={pending.methods.join()} client={client} methods={pending.methods} finish={finish} />}
    </dialog>
  );
}

function StepUpForm({
  client,
  methods,
  finish,
}: {
  client: AccountClient;
  methods: Method[];
  finish: (outcome: { id: string } | { cancelled: true }) => void;
}) {
  const [method, setMethod] = useState<Method | undefined>(methods[0]);
  const [secret, setSecret] = useState('');
  const [codeVerificationId, setCodeVerificationId] = useState<string>();
  const action = useAction();

  const choose = (next: Method) => {
    setMethod(next);
    setSecret('');
    setCodeVerificationId(undefined);
    action.setError(undefined);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      if (method === 'password') {
        const verification = await client.createPasswordVerification({ body: { password: secret } });
        finish({ id: verification.verificationId });
      } else if (method && !codeVerificationId) {
        const verification = await client.createCodeVerification({ body: { channel: method } });
        setCodeVerificationId(verification.verificationId);
        return t('stepUp.codeSent');
      } else if (codeVerificationId) {
        const verification = await client.verifyCodeVerification({ path: { verificationId: codeVerificationId }, body: { code: secret.trim() } });
        finish({ id: verification.verificationId });
      }
    });
  };

  return (
    <form onSubmit={submit}>
      <h2 id="step-up-title">{t('stepUp.heading')}</h2>
      <p>{t('stepUp.intro')}</p>
      {methods.length === 0 && <p role="alert">{t('stepUp.noMethod')}</p>}
      {methods.length > 1 && (
        <fieldset>
          <legend>{t('stepUp.method')}</legend>
          {methods.map((m) => (
            <label class="choice" key={m}>
              <input type="radio" name="step-up-method" value={m} checked={method === m} onChange={() => choose(m)} />
              {t(`stepUp.method.${m}` as MessageKey)}
            </label>
          ))}
        </fieldset>
      )}
      {method === 'password' && (
        <Field label={t('stepUp.password')} type="password" autoComplete="current-password" required value={secret} onValue={setSecret} />
      )}
      {method && method !== 'password' && codeVerificationId && (
        <>
          <p role="status">{action.done}</p>
          <Field
            label={t('stepUp.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={secret}
            onValue={setSecret}
          />
        </>
      )}
      <ErrorNotice error={action.error} />
      <div class="actions">
        {method && (
          <button type="submit" class="primary" disabled={action.busy}>
            {method !== 'password' && !codeVerificationId ? t('stepUp.sendCode') : t('stepUp.confirm')}
          </button>
        )}
        <button type="button" onClick={() => finish({ cancelled: true })}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
