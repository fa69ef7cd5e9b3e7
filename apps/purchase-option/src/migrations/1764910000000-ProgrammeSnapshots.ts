import { ProgrammeSnapshotsMigration } from '@rackeval/platform';

/**
 * The programme figures kept as a read model: aggregating the whole fleet on every read costs
 * hundreds of milliseconds at 75,000 racks, so each key's figures are stored with the time they
 * were computed and recomputed when older than a few seconds (SnapshotRepository). The table is
 * the same in every service's schema: @rackeval/platform defines it once, beside its repository.
 */
export class ProgrammeSnapshots1764910000000 extends ProgrammeSnapshotsMigration {
  name = 'ProgrammeSnapshots1764910000000';
}
