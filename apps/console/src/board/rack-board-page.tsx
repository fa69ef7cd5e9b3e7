import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { intakeApi, type RackSummary } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { useLiveEvents } from '../live/live-context';
import { affects } from '../live/refresh-rules';
import { formatPct } from '../shared/format';
import { GenerationSelect } from '../shared/generation-select';
import { useAsync } from '../shared/use-async';
import { groupByStage, matchesFilter, replaceRack, type BoardFilter } from './board-columns';

/** Large enough for a programme's racks on one board; the list is keyset-paged beyond it. */
const BOARD_LIMIT = 500;

/** The test engineers' board: every rack in its lifecycle column, filtered by generation and serial. */
export function RackBoardPage() {
  // Links from the programme page open the board on a generation, with a state's column marked.
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<BoardFilter>({ generation: params.get('generation') ?? '', serialPrefix: '' });
  const racks = useAsync(
    () =>
      intakeApi.racks({
        generation: filter.generation || undefined,
        serialPrefix: filter.serialPrefix.trim() || undefined,
        limit: BOARD_LIMIT,
      }),
    [filter.generation, filter.serialPrefix],
  );

  // A rack event moves just that card: read the one rack again and put it in its new column.
  useLiveEvents((event) => {
    if (!affects(event, 'board')) return;
    intakeApi.rack(event.subject).then(
      (rack) => racks.setData((page) => page && { ...page, items: replaceRack(page.items, rack, (r) => matchesFilter(filter, r)) }),
      () => undefined,
    );
  });

  const columns = groupByStage(racks.data?.items ?? []);
  return (
    <section aria-labelledby="board-title">
      <div className="page-head">
        <h1 id="board-title">Rack board</h1>
        <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <GenerationSelect
            id="board-generation"
            label="Generation"
            value={filter.generation}
            onChange={(generation) => setFilter({ ...filter, generation })}
            allowAll
          />
          <span className="field">
            <label htmlFor="board-serial">Serial starts with</label>
            <input
              id="board-serial"
              type="search"
              value={filter.serialPrefix}
              onChange={(e) => setFilter({ ...filter, serialPrefix: e.target.value })}
              placeholder="e.g. RK-G2-"
            />
          </span>
        </form>
      </div>
      <ErrorMessage error={racks.error} title="The board could not be loaded" />
      {racks.data?.nextCursor && <p className="muted">Showing the first {BOARD_LIMIT} racks; narrow the filter to see the rest.</p>}
      <div className="board" aria-busy={racks.loading}>
        {columns.map((column) => (
          <section
            key={column.state}
            className={`board-column${params.get('state') === column.state ? ' board-column-marked' : ''}`}
            aria-labelledby={`col-${column.state}`}
          >
            <h2 id={`col-${column.state}`}>
              {column.label} <span className="count">{column.racks.length}</span>
            </h2>
            <ul>
              {column.racks.map((rack) => (
                <RackCard key={rack.serial} rack={rack} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}

function RackCard({ rack }: { rack: RackSummary }) {
  return (
    <li className="rack-card">
      <Link to={`/racks/${encodeURIComponent(rack.serial)}`}>{rack.serial}</Link>
      <span className="tag">{rack.generation}</span>
      <span className={rack.meetsDomesticContentTarget ? 'ok' : 'warn'} title="Domestic content against target">
        {formatPct(rack.domesticContentPct)} domestic
      </span>
    </li>
  );
}
