import { useState, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { purchaseOptionApi, type PurchaseOption } from '../api';
import { useSession } from '../auth/auth-context';
import { canExportOptions } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';
import { useLiveEvents } from '../live/live-context';
import { affects, humanise } from '../live/refresh-rules';
import { DataTable, num } from '../shared/data-table';
import { saveBlob } from '../shared/download';
import { formatPct } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { DaysLeftAndPriceCells, OptionRackCells } from './option-cells';
import { mergeOption, QUEUE_TABS, sortByDaysLeft, type QueueTab } from './option-queue';
import { costVerdictClass, costVerdictLabel } from './option-value';

/** Finance's work queue: options by days left, in three tabs. */
export function OptionQueuePage() {
  const session = useSession();
  // Links from the programme page open a tab: ?tab=pending-approval.
  const [params] = useSearchParams();
  const [tab, setTab] = useState<QueueTab>(QUEUE_TABS.find((t) => t.id === params.get('tab'))?.id ?? 'exercisable');
  const query = QUEUE_TABS.find((t) => t.id === tab)!.query;
  const options = useAsync(() => purchaseOptionApi.options(query).then((page) => sortByDaysLeft(page.items)), [tab]);
  const [exportError, setExportError] = useState<unknown>();

  // An option event re-reads that one option and moves it into (or out of) the open tab.
  useLiveEvents((event) => {
    if (!affects(event, 'options')) return;
    purchaseOptionApi.option(event.subject).then(
      (option) => options.setData((list) => mergeOption(tab, list ?? [], option)),
      () => undefined,
    );
  });

  async function exportAs(format: 'csv' | 'xlsx') {
    setExportError(undefined);
    try {
      const file = format === 'csv' ? await purchaseOptionApi.exportCsv(query) : await purchaseOptionApi.exportXlsx(query);
      saveBlob(file, `purchase-options.${format}`);
    } catch (reason) {
      setExportError(reason);
    }
  }

  // Arrow keys move between tabs, as in any tab list.
  function onTabKey(event: KeyboardEvent) {
    const index = QUEUE_TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = QUEUE_TABS[(index + step + QUEUE_TABS.length) % QUEUE_TABS.length];
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  }

  return (
    <section aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title">Purchase options</h1>
        {canExportOptions(session) && (
          <span>
            <button type="button" onClick={() => exportAs('csv')}>
              Export CSV
            </button>{' '}
            <button type="button" onClick={() => exportAs('xlsx')}>
              Export XLSX
            </button>
          </span>
        )}
      </div>
      <ErrorMessage error={exportError} title="Export failed" />
      <div role="tablist" aria-label="Option queues" onKeyDown={onTabKey}>
        {QUEUE_TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            aria-controls="queue-panel"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id="queue-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} aria-busy={options.loading}>
        <ErrorMessage error={options.error} title="The queue could not be loaded" />
        <OptionTable options={options.data ?? []} />
      </div>
    </section>
  );
}

function OptionTable({ options }: { options: PurchaseOption[] }) {
  if (!options.length) return <p className="muted">Nothing here right now.</p>;
  return (
    <DataTable
      columns={[
        'Rack',
        'Generation',
        'State',
        'Days left',
        num('Price'),
        'Criteria met',
        'Cost verdict',
        'Domestic content',
        'Requested by',
      ]}
    >
      {options.map((option) => (
        <tr key={option.rackSerial}>
          <OptionRackCells option={option} />
          <td>
            <span className={`badge option-${option.state.toLowerCase()}`}>{humanise(option.state)}</span>
          </td>
          <DaysLeftAndPriceCells option={option} />
          <td>
            {option.evidence.evaluation ? `${option.evidence.evaluation.criteriaMet} / ${option.evidence.evaluation.criteriaTotal}` : '—'}
          </td>
          <td className={costVerdictClass(option.evidence.value)} title={option.evidence.value.missedTargets.join(', ') || undefined}>
            {costVerdictLabel(option.evidence.value)}
            {option.evidence.value.missedTargets.length ? ` (${option.evidence.value.missedTargets.length})` : ''}
          </td>
          <td className={option.evidence.domesticContent.met ? 'ok' : 'warn'}>
            {formatPct(option.evidence.domesticContent.pct)} (target {formatPct(option.evidence.domesticContent.targetPct)})
          </td>
          <td>{option.pendingRequest?.requestedBy ?? ''}</td>
        </tr>
      ))}
    </DataTable>
  );
}
