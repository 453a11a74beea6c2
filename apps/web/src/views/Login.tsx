import { useState } from 'preact/hooks';
import { type ApiError, request, setToken } from '../api/client.js';
import { LoginDocument } from '../api/gql/graphql.js';
import { ErrorState } from '../components/states.js';
import { useT } from '../i18n.js';
import { useSession } from '../state/session.js';

export function LoginForm({ onDone }: { onDone: () => void }) {
  const { t } = useT();
  const session = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    try {
      const r = await request(LoginDocument, { username: String(form.get('username') ?? ''), password: String(form.get('password') ?? '') });
      setToken(r.login.token);
      session.setUser(r.login.user);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="login panel" onSubmit={submit} aria-labelledby="login-title">
      <h2 id="login-title">{t('login.title')}</h2>
      <p class="hint">{t('login.hint')}</p>
      <label>
        {t('username')} <input name="username" autocomplete="username" required />
      </label>
      <label>
        {t('password')} <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit" disabled={busy}>
        {t('login')}
      </button>
      {error && <ErrorState error={error} />}
    </form>
  );
}
