import { useRef, useState } from 'preact/hooks';
import { request } from '../api/client.js';
import { DecideFindingDocument } from '../api/gql/graphql.js';
import { useT } from '../i18n.js';
import { DecisionDialog } from './Dialog.js';

/** Confirm or dismiss one finding; the same control on /quality and /report. */
export function FindingDecision({ finding, label, onDone }: { finding: { id: string; rule: string }; label: string; onDone: () => void }) {
  const { t } = useT();
  const [open, setOpen] = useState<'confirmed' | 'dismissed' | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const dismissButton = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button type="button" ref={confirmButton} data-action="confirm-finding" onClick={() => setOpen('confirmed')}>
        {t('report.confirm')}
      </button>{' '}
      <button type="button" ref={dismissButton} data-action="dismiss-finding" onClick={() => setOpen('dismissed')}>
        {t('report.dismiss')}
      </button>
      {open && (
        <DecisionDialog
          title={t('dialog.decideTitle')}
          choices={[
            { value: 'confirmed', label: t('dialog.confirmFinding') },
            { value: 'dismissed', label: t('dialog.dismissFinding'), reasonRequired: true },
          ]}
          initial={open}
          reasonLabel={t('dialog.dismissReason')}
          submitLabel={t('dialog.send')}
          onSubmit={async (decision, reason) => {
            await request(DecideFindingDocument, { findingId: finding.id, decision: decision as 'confirmed' | 'dismissed', reason: reason || null });
            onDone();
          }}
          onClose={() => setOpen(null)}
          returnFocus={() => (open === 'confirmed' ? confirmButton.current : dismissButton.current)}
        >
          <p class="dialog-subject">{label}</p>
        </DecisionDialog>
      )}
    </>
  );
}
