import { intakeApi, purchaseOptionApi, resultsApi, testRunApi } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { useAsync } from '../shared/use-async';
import { domesticTrend, generationColumns, type ProgrammeData } from './programme-figures';
import { FinanceRows, IntakeRows, ResultsRows, TestRows } from './programme-rows';
import { ScorecardsSection } from './scorecards-section';
import { DomesticTrendChart } from './small-charts';

const settled = <T,>(result: PromiseSettledResult<T>) => (result.status === 'fulfilled' ? result.value : undefined);

/** Loads the four services' figures; one service not answering leaves only its rows empty. */
async function loadProgramme(): Promise<{ data: ProgrammeData; failed: unknown[] }> {
  const answers = await Promise.allSettled([
    intakeApi.programme(),
    testRunApi.programme(),
    resultsApi.programme(),
    purchaseOptionApi.programme(),
  ]);
  const [intake, testRun, results, options] = answers;
  return {
    data: { intake: settled(intake), testRun: settled(testRun), results: settled(results), options: settled(options) },
    failed: answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason] : [])),
  };
}

/** Every role's home: the generations side by side, each figure linking to the list behind it. */
export function ProgrammePage() {
  const programme = useAsync(loadProgramme, []);
  const columns = programme.data ? generationColumns(programme.data.data) : [];
  return (
    <section aria-labelledby="programme-title" className="stack programme">
      <div className="page-head">
        <h1 id="programme-title">Programme</h1>
        <p className="muted">Every generation side by side: intake, evaluation, results and the buy decision.</p>
      </div>
      <ErrorMessage error={programme.error} title="The programme could not be loaded" />
      {programme.data?.failed.map((error, i) => (
        <ErrorMessage key={i} error={error} title="Some figures are missing" />
      ))}
      {programme.loading && !programme.data && <p aria-busy="true">Loading figures…</p>}
      {programme.data && columns.length === 0 && <p className="muted">No generation registered yet.</p>}
      {columns.length > 0 && (
        <>
          <h2>Domestic content across generations</h2>
          <DomesticTrendChart points={domesticTrend(columns)} />
          <div className="table-scroll">
            <table className="programme-table">
              <caption>Figures per generation</caption>
              <thead>
                <tr>
                  <th scope="col">Figure</th>
                  {columns.map((c) => (
                    <th scope="col" key={c.generation}>
                      {c.generation}
                      {c.name && <span className="muted generation-name"> {c.name}</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <IntakeRows columns={columns} />
              <TestRows columns={columns} windowDays={programme.data?.data.testRun?.window.days ?? null} />
              <ResultsRows columns={columns} />
              <FinanceRows columns={columns} />
            </table>
          </div>
        </>
      )}
      <ScorecardsSection results={programme.data?.data.results} />
    </section>
  );
}
