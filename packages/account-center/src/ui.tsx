import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import { describeError, type DescribedError } from './api.js';
import { t } from './messages.js';

export function ErrorNotice({ error }: { error: DescribedError | undefined }) {
  if (!error) return null;
  return (
    <div class="notice notice-error" role="alert">
      <p>{error.message}</p>
      {error.rules && (
        <ul>
          {error.rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      )}
      {error.requestId && <p class="muted">{t('error.reference', { requestId: error.requestId })}</p>}
    </div>
  );
}

export function Success({ text }: { text: string | undefined }) {
  return (
    <p class="notice notice-success" role="status">
      {text ?? ''}
    </p>
  );
}

/** Runs one user action at a time, keeping its error (as a catalogue message) and success text. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<DescribedError>();
  const [done, setDone] = useState<string>();
  const run = useCallback(async (action: () => Promise<string | void>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const text = await action();
      if (text) setDone(text);
      return true;
    } catch (caught) {
      setError(describeError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, run, setError, setDone };
}

/** Loads data for a screen; `reload()` fetches again after a change. */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<DescribedError>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    load().then(
      (value) => live && setData(value),
      (caught) => live && setError(describeError(caught)),
    );
    return () => {
      live = false;
    };
  }, [version]);
  return { data, error, reload: () => setVersion((v) => v + 1), setData };
}

export function Loading({ error, retry }: { error?: DescribedError; retry?: () => void }) {
  if (error)
    return (
      <>
        <ErrorNotice error={error} />
        {retry && (
          <button type="button" onClick={retry}>
            {t('app.retry')}
          </button>
        )}
      </>
    );
  return (
    <p role="status" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}

interface InputProps {
  label: string;
  type?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  pattern?: string;
  required?: boolean;
  readOnly?: boolean;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
}

export function Field({ label, hint, value, onValue, type, ...rest }: InputProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        type={(type ?? 'text') as 'text'}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(event) => onValue((event.target as HTMLInputElement).value)}
        {...rest}
      />
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Whether a screen has been shown since the page loaded. */
let screenShown = false;

/**
 * Moves focus to the screen's heading when the user goes to another screen, so keyboard and screen-reader users
 * land on it. The first screen after a page load leaves the focus where the browser put it, at the top of the
 * document, so the skip link is the first Tab stop: had it moved the focus too, where the first Tab lands would
 * depend on whether the heading's effect ran before the key was pressed.
 */
export function ScreenHeading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (screenShown) ref.current?.focus();
    screenShown = true;
  }, []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Offers `content` as a file download (export, backup codes). */
export function download(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
