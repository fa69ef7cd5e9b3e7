import { Topics } from '@rackeval/contracts';
import { ServiceDefinition } from '@rackeval/platform';
import { ResultsConfig } from './config';
import { MEASUREMENT_BATCH_PATH } from './measurements/measurements.controller';
import { ComparisonCoveringIndex1764400000000 } from './migrations/1764400000000-ComparisonCoveringIndex';
import { ResultsSchema1764200000000 } from './migrations/1764200000000-ResultsSchema';
import { AppendOnlyRecords1764500000000 } from './migrations/1764500000000-AppendOnlyRecords';
import { ProgrammeIndexes1764850000000 } from './migrations/1764850000000-ProgrammeIndexes';
import { AbortCause1764873000000 } from './migrations/1764873000000-AbortCause';
import { EvaluationRevisions1764800000000 } from './migrations/1764800000000-EvaluationRevisions';
import { OcptvUploads1764900000000 } from './migrations/1764900000000-OcptvUploads';
import { ProgrammeSnapshots1764910000000 } from './migrations/1764910000000-ProgrammeSnapshots';
import { RunArtifacts1764920000000 } from './migrations/1764920000000-RunArtifacts';
import { DiagnosisCriteria1764933000000 } from './migrations/1764933000000-DiagnosisCriteria';
import { ProgrammeRackOrigins1764941000000 } from './migrations/1764941000000-ProgrammeRackOrigins';
import { Findings1764960000000 } from './migrations/1764960000000-Findings';
import { MeasurementRunOrder1764971000000 } from './migrations/1764971000000-MeasurementRunOrder';
import { EvaluationIncarnations1764990000000 } from './migrations/1764990000000-EvaluationIncarnations';
import { FindingRmas1764995000000 } from './migrations/1764995000000-FindingRmas';
import { ManufacturerFeed1765006000000 } from './migrations/1765006000000-ManufacturerFeed';
import { OcptvFileAttachments1765020000000 } from './migrations/1765020000000-OcptvFileAttachments';
import { ManufacturerFeedQueuedInCode1765021000000 } from './migrations/1765021000000-ManufacturerFeedQueuedInCode';
import { ProgrammeFindingFigures1765040000000 } from './migrations/1765040000000-ProgrammeFindingFigures';
import { InspectionFindings1765050000000 } from './migrations/1765050000000-InspectionFindings';

/** What the results service is made of: used by main, the migration script and the tests alike. */
export function resultsService(config: ResultsConfig): ServiceDefinition {
  return {
    name: 'results',
    config,
    topics: [Topics.resultsEvaluations, Topics.testRunRuns, Topics.intakeRacks, Topics.purchaseOptions],
    // Repositories use SQL: bulk ingest via unnest and aggregates gain nothing from entity mapping.
    entities: [],
    jsonBodyAsText: [MEASUREMENT_BATCH_PATH],
    migrations: [
      ResultsSchema1764200000000,
      ComparisonCoveringIndex1764400000000,
      AppendOnlyRecords1764500000000,
      EvaluationRevisions1764800000000,
      ProgrammeIndexes1764850000000,
      AbortCause1764873000000,
      OcptvUploads1764900000000,
      ProgrammeSnapshots1764910000000,
      RunArtifacts1764920000000,
      DiagnosisCriteria1764933000000,
      ProgrammeRackOrigins1764941000000,
      Findings1764960000000,
      MeasurementRunOrder1764971000000,
      EvaluationIncarnations1764990000000,
      FindingRmas1764995000000,
      ManufacturerFeed1765006000000,
      OcptvFileAttachments1765020000000,
      ManufacturerFeedQueuedInCode1765021000000,
      ProgrammeFindingFigures1765040000000,
      InspectionFindings1765050000000,
    ],
  };
}
