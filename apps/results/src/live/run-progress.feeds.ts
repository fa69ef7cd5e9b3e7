import { Injectable, Logger } from '@nestjs/common';
import { Observable, ReplaySubject, finalize, share } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { readInSnapshot } from '@rackeval/platform';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { CriteriaService } from '../criteria/criteria.service';
import type { RunRecord } from '../run-mirror/run.repository';
import { RunRepository } from '../run-mirror/run.repository';
import { SeriesRepository } from '../series/series.repository';
import { DiagnosisEvidenceRepository } from '../verdicts/diagnosis-evidence.repository';
import { VerdictRepository } from '../verdicts/verdict.repository';
import type { RunProgressView } from './dto/run-progress.view';
import { RunProgressRepository } from './run-progress.repository';
import { verdictSoFar } from './run-progress';

/**
 * How often a watched run is looked at: at most 2.5 updates a second, which is what a person can
 * follow; every sample logged in between is in the next update (each one is the whole state).
 */
export const RUN_PROGRESS_INTERVAL_MS = 400;

/**
 * One feed per watched run and chart width in this instance, shared by every viewer: the database
 * is read per run, never per viewer, and only while someone watches. A viewer who joins gets the
 * latest update at once. The feed ends once the run is no longer SCHEDULED or RUNNING.
 */
@Injectable()
export class RunProgressFeeds {
  private readonly logger = new Logger(RunProgressFeeds.name);
  private readonly feeds = new Map<string, Observable<RunProgressView>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly criteria: CriteriaService,
  ) {}

  watch(runId: string, buckets: number, intervalMs = RUN_PROGRESS_INTERVAL_MS): Observable<RunProgressView> {
    const key = `${runId}/${buckets}`;
    let feed = this.feeds.get(key);
    if (!feed) {
      feed = this.poll(runId, buckets, intervalMs).pipe(
        finalize(() => this.feeds.delete(key)),
        share({
          connector: () => new ReplaySubject<RunProgressView>(1),
          resetOnRefCountZero: true,
          resetOnComplete: true,
          resetOnError: true,
        }),
      );
      this.feeds.set(key, feed);
    }
    return feed;
  }

  /** An update whenever the run's state or its samples changed since the last look. */
  private poll(runId: string, buckets: number, intervalMs: number): Observable<RunProgressView> {
    return new Observable<RunProgressView>((subscriber) => {
      let stopped = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let seen = '';
      const look = async () => {
        try {
          // The run, its verdict and its series are read in one snapshot, so they agree.
          const run = await readInSnapshot(this.dataSource, async (manager) => {
            const run = await RunRepository.find(manager, runId);
            if (!run) return undefined;
            const latest = await RunProgressRepository.latestMeasurement(manager, runId);
            const diagnoses = await RunProgressRepository.diagnosisCount(manager, runId);
            const signature = `${run.state}/${latest.id}/${latest.count}/${diagnoses}`;
            if (signature !== seen) {
              seen = signature;
              const view = await this.snapshot(manager, run, latest.id, buckets);
              if (!stopped) subscriber.next(view);
            }
            return run;
          });
          if (!run) return subscriber.complete();
          if (run.state !== 'RUNNING' && run.state !== 'SCHEDULED') return subscriber.complete();
        } catch (error) {
          this.logger.warn(`progress of run ${runId} could not be read (tried again shortly): ${(error as Error).message}`);
        }
        if (!stopped) timer = setTimeout(() => void look(), intervalMs);
      };
      // Fire and forget: look() logs a failed read and tries again; the subscriber sees only views.
      void look();
      return () => {
        stopped = true;
        clearTimeout(timer);
      };
    });
  }

  private async snapshot(manager: EntityManager, run: RunRecord, lastMeasurementId: string, buckets: number): Promise<RunProgressView> {
    const at = new Date().toISOString();
    const version = run.criteriaVersion ?? (await CriteriaRepository.versionAt(manager, run.generation, at)) ?? null;
    const rules = version === null ? [] : await this.criteria.rulesFor(manager, run.generation, version, run.metrics);
    const diagnosisRules = version === null ? [] : await this.criteria.diagnosisRulesFor(manager, run.generation, version, run.suite);
    const found = diagnosisRules.length ? await DiagnosisEvidenceRepository.ofRun(manager, run.runId) : [];
    const soFar = verdictSoFar(rules, await VerdictRepository.samples(manager, run.runId), { rules: diagnosisRules, found });
    const series = [];
    for (const metric of run.metrics) series.push(await SeriesRepository.downsample(manager, run.runId, metric, buckets));
    const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
    return {
      runId: run.runId,
      state: run.state,
      lastMeasurementId,
      criteriaVersion: version,
      verdict: soFar.verdict,
      criteria: soFar.criteria,
      diagnosisCriteria: soFar.diagnosisCriteria,
      series: series.map((s, i) => ({
        runId: run.runId,
        metric: run.metrics[i],
        unit: s.unit,
        samples: s.samples,
        bucketsRequested: buckets,
        from: s.from === null ? null : iso(s.from),
        to: s.to === null ? null : iso(s.to),
        buckets: s.buckets.map((b) => ({ ...b, from: iso(b.from), to: iso(b.to), first: iso(b.first), last: iso(b.last) })),
      })),
      at,
    };
  }
}
