import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { useT } from '../i18n.js';
import { ErrorState } from './states.js';

/** Tab and Shift+Tab cycle inside the dialog: a modal <dialog> alone lets focus leave to the browser's own controls. */
function trapTab(e: KeyboardEvent) {
  if (e.key !== 'Tab') return;
  const dialog = e.currentTarget as HTMLElement;
  const items = [...dialog.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null,
  );
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

export interface DecisionChoice {
  value: string;
  label: string;
  /** A reason must be written before this choice can be sent. */
  reasonRequired?: boolean;
}

/**
 * The one modal for every review decision (confirm/dismiss a finding, return, publish). A native
 * modal <dialog> makes the page behind it inert, so focus stays inside; closing gives focus back to
 * the control that opened it. What the server refuses stays on screen in the dialog.
 */
export function DecisionDialog({
  title,
  children,
  choices,
  initial,
  reasonLabel,
  submitLabel,
  onSubmit,
  onClose,
  returnFocus,
}: {
  title: string;
  children?: ComponentChildren;
  choices: DecisionChoice[];
  initial?: string;
  reasonLabel?: string;
  submitLabel: string;
  onSubmit: (choice: string, reason: string) => Promise<unknown>;
  onClose: () => void;
  /** Where focus goes back to on closing; by default the element focused when the dialog opened. */
  returnFocus?: () => HTMLElement | null;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState(initial ?? choices[0]?.value ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current = document.activeElement;
    ref.current?.showModal();
    const dialog = ref.current;
    return () => {
      // Closed before focusing: the page behind an open modal is inert and refuses focus.
      if (dialog?.open) dialog.close();
      const target = () => {
        const back = returnFocus?.() ?? (opener.current as HTMLElement | null);
        return back?.isConnected ? back : null;
      };
      target()?.focus();
      // Once more after the dialog has left the DOM, in case its removal moved focus.
      queueMicrotask(() => {
        const back = target();
        if (back && document.activeElement !== back) back.focus();
      });
    };
  }, []);

  const current = choices.find((c) => c.value === choice);
  const needsReason = !!current?.reasonRequired;
  const missingReason = needsReason && !reason.trim();
  const send = async (e: Event) => {
    e.preventDefault();
    if (missingReason || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(choice, reason.trim());
      ref.current?.close();
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('ERROR', (err as Error).message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      class="decision"
      aria-labelledby="decision-title"
      onKeyDown={trapTab}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      // Chromium may close a modal on Escape despite preventDefault: keep the state in step.
      onClose={() => onClose()}
    >
      <form method="dialog" onSubmit={send}>
        <h2 id="decision-title">{title}</h2>
        {children}
        {choices.length > 1 && (
          <fieldset class="choices">
            <legend class="sr-only">{title}</legend>
            {choices.map((c) => (
              <label key={c.value}>
                <input type="radio" name="decision" value={c.value} checked={choice === c.value} onChange={() => setChoice(c.value)} /> {c.label}
              </label>
            ))}
          </fieldset>
        )}
        {reasonLabel && (
          <label class="reason">
            {reasonLabel}
            {needsReason ? ` (${t('dialog.required')})` : ''}
            <textarea
              name="reason"
              rows={3}
              maxLength={1000}
              required={needsReason}
              aria-invalid={missingReason && error === null ? undefined : missingReason}
              value={reason}
              onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
            />
          </label>
        )}
        {error && <ErrorState error={error} />}
        <div class="dialog-buttons">
          <button type="submit" data-action="dialog-submit" disabled={busy || missingReason} aria-busy={busy}>
            {busy ? t('busy') : submitLabel}
          </button>
          <button type="button" data-action="dialog-cancel" disabled={busy} onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
