import { useId, useState } from 'preact/hooks';
import { useClient } from '../app.js';
import { t, type MessageKey } from '../messages.js';
import { ErrorNotice, Field, Loading, ScreenHeading, Section, Success, useAction, useLoad } from '../ui.js';

const CLAIMS = ['givenName', 'familyName', 'middleName', 'nickname', 'birthdate', 'gender', 'website', 'locale', 'zoneinfo'] as const;
type Claim = (typeof CLAIMS)[number];

interface Account {
  name: string | null;
  username: string | null;
  avatar: string | null;
  profile: Partial<Record<Claim, string>>;
}

export function ProfileScreen() {
  const client = useClient();
  const account = useLoad<Account>(() => client.getMyAccount());
  return (
    <>
      <ScreenHeading>{t('profile.heading')}</ScreenHeading>
      {account.data ? (
        <>
          <Basics account={account.data} />
          <Claims account={account.data} />
          <CustomData />
        </>
      ) : (
        <Loading error={account.error} retry={account.reload} />
      )}
    </>
  );
}

function Basics({ account }: { account: Account }) {
  const client = useClient();
  const [name, setName] = useState(account.name ?? '');
  const [username, setUsername] = useState(account.username ?? '');
  const [avatar, setAvatar] = useState(account.avatar ?? '');
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    const body: Record<string, string | null> = {};
    if (name !== (account.name ?? '')) body.name = name;
    if (username !== (account.username ?? '')) body.username = username;
    if (avatar !== (account.avatar ?? '')) body.avatar = avatar;
    void action.run(async () => {
      if (Object.keys(body).length) {
        const updated: Account = await client.updateMyAccount({ body });
        Object.assign(account, updated);
      }
      return t('app.saved');
    });
  };
  return (
    <Section title={t('profile.basics')}>
      <form onSubmit={submit}>
        {avatar && <img class="avatar" src={avatar} alt={t('profile.avatarAlt')} width={64} height={64} />}
        <Field label={t('profile.name')} autoComplete="name" value={name} onValue={setName} />
        <Field label={t('profile.username')} autoComplete="username" value={username} onValue={setUsername} />
        <Field label={t('profile.avatar')} type="url" autoComplete="photo" value={avatar} onValue={setAvatar} />
        <ErrorNotice error={action.error} />
        <Success text={action.done} />
        <button type="submit" class="primary" disabled={action.busy}>
          {t('profile.save')}
        </button>
      </form>
    </Section>
  );
}

const CLAIM_INPUT: Partial<Record<Claim, { type?: string; autoComplete?: string }>> = {
  givenName: { autoComplete: 'given-name' },
  familyName: { autoComplete: 'family-name' },
  middleName: { autoComplete: 'additional-name' },
  nickname: { autoComplete: 'nickname' },
  birthdate: { type: 'date', autoComplete: 'bday' },
  gender: { autoComplete: 'sex' },
  website: { type: 'url', autoComplete: 'url' },
  locale: { autoComplete: 'language' },
};

function Claims({ account }: { account: Account }) {
  const client = useClient();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(CLAIMS.map((claim) => [claim, account.profile?.[claim] ?? ''])),
  );
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    const body = Object.fromEntries(CLAIMS.filter((c) => values[c] !== (account.profile?.[c] ?? '')).map((c) => [c, values[c]]));
    void action.run(async () => {
      if (Object.keys(body).length) {
        const updated: Account = await client.updateMyProfile({ body });
        account.profile = updated.profile;
      }
      return t('app.saved');
    });
  };
  return (
    <Section title={t('profile.claims')}>
      <form onSubmit={submit} class="grid">
        {CLAIMS.map((claim) => (
          <Field
            key={claim}
            label={t(`profile.${claim}` as MessageKey)}
            {...CLAIM_INPUT[claim]}
            value={values[claim]}
            onValue={(value) => setValues({ ...values, [claim]: value })}
          />
        ))}
        <ErrorNotice error={action.error} />
        <Success text={action.done} />
        <button type="submit" class="primary" disabled={action.busy}>
          {t('profile.saveClaims')}
        </button>
      </form>
    </Section>
  );
}

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  title?: string;
  description?: string;
  readOnly?: boolean;
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}
interface SchemaDocument {
  properties?: Record<string, PropertySchema | boolean>;
}

/** A form generated from the operator's schema (GET /me/custom-data/schema): one input per top-level field. */
function CustomData() {
  const client = useClient();
  const loaded = useLoad<[SchemaDocument, Record<string, unknown>]>(() =>
    Promise.all([client.getMyCustomDataSchema() as Promise<SchemaDocument>, client.getMyCustomData()]),
  );
  return (
    <Section title={t('customData.heading')}>
      {loaded.data ? <CustomDataForm schema={loaded.data[0]} initial={loaded.data[1]} /> : <Loading error={loaded.error} retry={loaded.reload} />}
    </Section>
  );
}

function CustomDataForm({ schema, initial }: { schema: SchemaDocument; initial: Record<string, unknown> }) {
  const client = useClient();
  const fields = Object.entries(schema.properties ?? {}).filter(
    (entry): entry is [string, PropertySchema] => typeof entry[1] === 'object' && isSupported(entry[1]),
  );
  const [values, setValues] = useState<Record<string, unknown>>(initial);
  const [saved, setSaved] = useState(initial);
  const action = useAction();
  if (fields.length === 0) return <p>{t('customData.none')}</p>;
  const submit = (event: Event) => {
    event.preventDefault();
    // JSON merge patch: only editable fields that changed; an emptied field is removed (null).
    const patch: Record<string, unknown> = {};
    for (const [key, property] of fields) {
      if (property.readOnly || values[key] === saved[key]) continue;
      patch[key] = values[key] === '' || values[key] === undefined ? null : values[key];
    }
    void action.run(async () => {
      if (Object.keys(patch).length) setSaved(await client.updateMyCustomData({ body: patch }));
      return t('app.saved');
    });
  };
  return (
    <form onSubmit={submit}>
      {fields.map(([key, property]) => (
        <SchemaField key={key} name={key} property={property} value={values[key]} onValue={(v) => setValues({ ...values, [key]: v })} />
      ))}
      <ErrorNotice error={action.error} />
      <Success text={action.done} />
      <button type="submit" class="primary" disabled={action.busy}>
        {t('customData.save')}
      </button>
    </form>
  );
}

function typeOf(property: PropertySchema): string | undefined {
  return Array.isArray(property.type) ? property.type.find((x) => x !== 'null') : property.type;
}

function isSupported(property: PropertySchema): boolean {
  if (property.enum) return true;
  return ['string', 'boolean', 'number', 'integer'].includes(typeOf(property) ?? '');
}

function labelOf(name: string, property: PropertySchema): string {
  const base = property.title ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
  return property.readOnly ? `${base} ${t('customData.readOnly')}` : base;
}

function SchemaField({ name, property, value, onValue }: { name: string; property: PropertySchema; value: unknown; onValue: (v: unknown) => void }) {
  const id = useId();
  const label = labelOf(name, property);
  const hintId = property.description ? `${id}-hint` : undefined;
  const hint = property.description && (
    <p class="hint" id={hintId}>
      {property.description}
    </p>
  );
  const type = typeOf(property);
  if (type === 'boolean') {
    return (
      <div class="field">
        <label class="choice">
          <input type="checkbox" checked={value === true} disabled={property.readOnly} aria-describedby={hintId} onChange={(e) => onValue((e.target as HTMLInputElement).checked)} />
          {label}
        </label>
        {hint}
      </div>
    );
  }
  if (property.enum) {
    return (
      <div class="field">
        <label for={id}>{label}</label>
        {hint}
        <select id={id} disabled={property.readOnly} aria-describedby={hintId} value={value === undefined ? '' : String(value)} onChange={(e) => {
          const chosen = (e.target as HTMLSelectElement).value;
          onValue(chosen === '' ? '' : property.enum!.find((option) => String(option) === chosen));
        }}>
          <option value="">{t('app.none')}</option>
          {property.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      </div>
    );
  }
  const numeric = type === 'number' || type === 'integer';
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint}
      <input
        id={id}
        type={(numeric ? 'number' : property.format === 'uri' ? 'url' : property.format === 'email' ? 'email' : property.format === 'date' ? 'date' : 'text') as 'text'}
        readOnly={property.readOnly}
        maxLength={property.maxLength}
        min={property.minimum}
        max={property.maximum}
        step={type === 'integer' ? 1 : undefined}
        aria-describedby={hintId}
        value={value === undefined || value === null ? '' : String(value)}
        onInput={(e) => {
          const raw = (e.target as HTMLInputElement).value;
          onValue(numeric && raw !== '' ? Number(raw) : raw);
        }}
      />
    </div>
  );
}
