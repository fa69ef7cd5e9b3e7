import { intakeApi, type RackDetail } from '../api';
import { useSession } from '../auth/auth-context';
import { canAttachIntakeFiles } from '../auth/roles';
import { humanise } from '../live/refresh-rules';
import { AttachmentsSection } from '../shared/attachments-section';
import { formatDateTime } from '../shared/format';

/** The rack's inspections, each with its photos and files (intake and admin attach more; everyone downloads them). */
export function RackInspections({ rack, onAttached }: { rack: RackDetail; onAttached(): void }) {
  const session = useSession();
  return (
    <section className="card" aria-labelledby="inspections-title">
      <h2 id="inspections-title">Inspections</h2>
      {rack.inspections.length === 0 ? (
        <p className="muted">Not inspected yet.</p>
      ) : (
        <ul>
          {rack.inspections.map((inspection) => (
            <li key={inspection.id}>
              {formatDateTime(inspection.inspectedAt)} — <strong>{humanise(inspection.outcome)}</strong> by {inspection.inspectedBy}:{' '}
              {inspection.checks.map((check) => `${check.name} ${check.passed ? '✓' : '✗'}`).join(', ')}
              {inspection.note ? ` — ${inspection.note}` : ''}
              <AttachmentsSection
                title="Files"
                label={`Files of the inspection on ${formatDateTime(inspection.inspectedAt)}`}
                headingLevel={3}
                attachments={inspection.attachments}
                download={(a) => intakeApi.downloadAttachment({ ...a, rackSerial: a.rackSerial ?? rack.serial })}
                uploadPath={(filename) => intakeApi.inspectionAttachmentPath(rack.serial, inspection.id, filename)}
                canAttach={canAttachIntakeFiles(session)}
                onAttached={onAttached}
                inputLabel="Attach a photo or file to this inspection"
                emptyText="No photos or files."
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
