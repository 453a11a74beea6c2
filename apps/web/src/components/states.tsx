import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client.js';
import { explainError, useT } from '../i18n.js';

export function Loading() {
  const { t } = useT();
  return (
    <p class="state loading" role="status">
      {t('loading')}
    </p>
  );
}

export function ErrorState({ error, retry }: { error: ApiError; retry?: () => void }) {
  const { t, lang } = useT();
  const plain = explainError(lang, error);
  return (
    <div class="state error" role="alert" data-code={error.code} data-reason={error.reason ?? undefined}>
      <strong>{t('error.title')}</strong> <code>{error.code}</code> {plain ?? error.message} {plain && <small class="error-detail">{error.message}</small>}{' '}
      {retry && (
        <button type="button" onClick={retry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state empty">{children}</p>;
}
