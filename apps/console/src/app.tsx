import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AdminPage } from './admin/admin-page';
import { ManufacturerFeedPage } from './admin/manufacturer-feed-page';
import { useAuth } from './auth/auth-context';
import { homeFor } from './auth/roles';
import { SignInPage } from './auth/sign-in-page';
import { RackBoardPage } from './board/rack-board-page';
import { GenerationComparisonPage } from './comparisons/generation-comparison-page';
import { RunComparisonPage } from './comparisons/run-comparison-page';
import { FindingPage } from './findings/finding-page';
import { FindingsBoardPage } from './findings/findings-board-page';
import { FindingsReportPage } from './findings/findings-report-page';
import { OptionMemoPage } from './finance/option-memo-page';
import { OptionPage } from './finance/option-page';
import { RemindersPage } from './finance/reminders-page';
import { OptionQueuePage } from './finance/option-queue-page';
import { DeliveryDetailPage } from './intake/delivery-detail-page';
import { DeliveryPage } from './intake/delivery-page';
import { ManifestPage } from './intake/manifest-page';
import { ProgrammePage } from './programme/programme-page';
import { AppShell } from './layout/app-shell';
import { LiveEventsProvider } from './live/live-context';
import { RackPage } from './rack/rack-page';
import { RmaPage } from './rmas/rma-page';
import { RmasPage } from './rmas/rmas-page';
import { RunPage } from './runs/run-page';

export function App() {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) {
    return (
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="*" element={<Navigate to="/sign-in" replace state={{ from: location.pathname }} />} />
      </Routes>
    );
  }
  return (
    <LiveEventsProvider token={session.accessToken}>
      <Routes>
        <Route element={<AppShell />}>
          <Route path="/programme" element={<ProgrammePage />} />
          <Route path="/racks" element={<RackBoardPage />} />
          <Route path="/racks/:serial" element={<RackPage />} />
          <Route path="/runs/:runId" element={<RunPage />} />
          <Route path="/deliveries/:reference" element={<DeliveryDetailPage />} />
          <Route path="/rmas" element={<RmasPage />} />
          <Route path="/rmas/:id" element={<RmaPage />} />
          <Route path="/findings" element={<FindingsBoardPage />} />
          <Route path="/findings/report" element={<FindingsReportPage />} />
          <Route path="/findings/:id" element={<FindingPage />} />
          <Route path="/compare/generations" element={<GenerationComparisonPage />} />
          <Route path="/compare/runs" element={<RunComparisonPage />} />
          <Route path="/options" element={<OptionQueuePage />} />
          <Route path="/options/:serial" element={<OptionPage />} />
          <Route path="/options/:serial/memo" element={<OptionMemoPage />} />
          <Route path="/reminders" element={<RemindersPage />} />
          <Route path="/intake/delivery" element={<DeliveryPage />} />
          <Route path="/intake/manifest" element={<ManifestPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="/admin/manufacturer-feed" element={<ManufacturerFeedPage />} />
          <Route path="*" element={<Navigate to={homeFor(session)} replace />} />
        </Route>
      </Routes>
    </LiveEventsProvider>
  );
}
