/** Friendly names for the generated response and request shapes of the four services. */
import type { components as IntakeComponents, paths as IntakePaths } from './generated/intake';
import type { components as PurchaseOptionComponents, paths as PurchaseOptionPaths } from './generated/purchase-option';
import type { components as ResultsComponents } from './generated/results';
import type { components as TestRunComponents } from './generated/test-run';

type Intake = IntakeComponents['schemas'];
type TestRun = TestRunComponents['schemas'];
type Results = ResultsComponents['schemas'];
type PurchaseOptionSchemas = PurchaseOptionComponents['schemas'];

/** The one error body every service returns. */
export type ErrorBody = Intake['ErrorResponse'];

/** The filters of a list, as its query parameters. */
type QueryOf<Operation> = Operation extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// intake
export type Generation = Intake['GenerationView'];
export type NewGeneration = Intake['RegisterGenerationDto'];
export type RackSummary = Intake['RackSummaryView'];
export type RackDetail = Intake['RackDetailView'];
export type RackCorrection = Intake['RackCorrectionView'];
export type RackCorrectionRequest = Intake['CorrectRackDto'];
export type BomLine = Intake['BomLineView'];
export type InspectionCheck = Intake['InspectionCheckDto'];
export type RackHistoryEntry = Intake['RackHistoryEntryView'];
export type NewDelivery = Intake['DeliveryDto'];
export type NewBomLine = Intake['BomLineDto'];
export type DeliveryReceipt = Intake['DeliveryView'];
export type NewInspection = Intake['InspectRackDto'];
export type RackQuery = QueryOf<IntakePaths['/v1/racks']['get']>;
export type IntakeProgramme = Intake['IntakeProgrammeView'];
export type IntakeGenerationFigures = Intake['IntakeGenerationFigures'];
export type SupplierScorecard = Intake['SupplierScorecardView'];
export type LotScorecard = Intake['LotScorecardView'];
export type Rma = Intake['RmaSummaryView'];
export type RmaDetail = Intake['RmaDetailView'];
export type RmaUnit = Intake['RmaUnitView'];
export type RmaHistoryEntry = Intake['RmaHistoryEntryView'];
export type NewRma = Intake['OpenRmaDto'];
export type RmaQuery = QueryOf<IntakePaths['/v1/rmas']['get']>;

// test-run
export type Run = TestRun['RunView'];
export type Bay = TestRun['BayView'];
export type Suite = TestRun['SuiteDto'];
export type TestPlan = TestRun['TestPlanView'];
export type TestRunProgramme = TestRun['TestRunProgrammeView'];
export type TestRunGenerationFigures = TestRun['TestRunGenerationFigures'];

// results
export type Criterion = Results['CriterionDto'];
export type CriteriaVersion = Results['CriteriaVersionView'];
export type NewMeasurement = Results['MeasurementDto'];
export type MeasurementReceipt = Results['MeasurementReceiptView'];
export type MeasurementCorrection = Results['CorrectionDto'];
export type CorrectionReceipt = Results['CorrectionReceiptView'];
export type Measurement = Results['MeasurementView'];
export type RunVerdict = Results['RunVerdictView'];
export type RunArtifact = Results['RunArtifactView'];
export type RunArtifactPage = Results['RunArtifactPage'];
export type RunDut = Results['RunDutView'];
export type MetricSeries = Results['SeriesView'];
/** One update of a running run's live stream: every metric downsampled and the verdict so far per criterion. */
export type RunProgress = Results['RunProgressView'];
export type Figure = Results['FigureView'];
export type RackEvaluation = Results['RackEvaluationView'];
export type ReopenEvaluation = Results['ReopenEvaluationDto'];
export type GenerationComparison = Results['GenerationComparisonView'];
export type RunComparison = Results['RunComparisonView'];
export type OcptvReceipt = Results['OcptvReceiptView'];
export type ResultsProgramme = Results['ResultsProgrammeView'];
export type ResultsGenerationFigures = Results['ResultsGenerationFigures'];
export type CriterionFigures = Results['CriterionFigures'];
export type ComponentFailures = Results['ComponentFailuresView'];

// purchase-option
export type Terms = PurchaseOptionSchemas['TermsView'];
export type NewTerms = PurchaseOptionSchemas['PutTermsDto'];
export type CostTargets = PurchaseOptionSchemas['CostTargetsView'];
export type CostTargetsVersion = PurchaseOptionSchemas['CostTargetsVersionView'];
export type NewCostTargets = PurchaseOptionSchemas['PutCostTargetsDto'];
export type OptionValue = PurchaseOptionSchemas['ValueView'];
export type ValueFigure = PurchaseOptionSchemas['ValueFigureView'];
export type FigureEvidence = PurchaseOptionSchemas['FigureView'];
export type PurchaseOption = PurchaseOptionSchemas['OptionView'];
export type PurchaseOptionDetail = PurchaseOptionSchemas['OptionDetailView'];
export type DecisionRequest = PurchaseOptionSchemas['DecisionDto'];
export type ApprovalRequest = PurchaseOptionSchemas['ApprovalDto'];
export type OptionQuery = QueryOf<PurchaseOptionPaths['/v1/options']['get']>;
export type PurchaseOptionProgramme = PurchaseOptionSchemas['PurchaseOptionProgrammeView'];
export type OptionGenerationFigures = PurchaseOptionSchemas['OptionGenerationFigures'];
export type MoneyTotal = PurchaseOptionSchemas['MoneyTotal'];
export type Reminders = PurchaseOptionSchemas['RemindersView'];
export type ReminderDelivery = PurchaseOptionSchemas['ReminderDeliveryView'];

// the enumerations, as the documents name them
export type RackState = Intake['RackState'];
export type RmaState = Intake['RmaState'];
export type CoolingType = Intake['CoolingType'];
export type InspectionOutcome = Intake['InspectionOutcome'];
export type RunState = TestRun['RunState'];
export type AbortCause = TestRun['AbortCause'];
export type Comparator = Results['Comparator'];
export type CriterionCategory = Results['CriterionCategory'];
export type OptionState = PurchaseOptionSchemas['OptionState'];
export type TermsStatus = PurchaseOptionSchemas['TermsStatus'];

// findings and their evidence (results)
export type Finding = Results['FindingView'];
export type FindingDetail = Results['FindingDetailView'];
export type FindingGroup = Results['FindingGroupView'];
export type FindingClasses = Results['FailureClassesView'];
export type FindingAttachment = Results['AttachmentView'];
export type FindingState = Results['FindingState'];
export type FindingAction = Results['FindingAction'];
export type TriageFinding = Results['TriageFindingDto'];
