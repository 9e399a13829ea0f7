import { CounterNewPage } from "./counter/CounterNewPage";
import { CounterPage } from "./counter/CounterPage";
import { AnnouncerProvider } from "./a11y/Announcer";
import { DashboardPage } from "./data/DashboardPage";
import { QualityPage } from "./data/QualityPage";
import { CatalogPage } from "./opendata/CatalogPage";
import { DatasetPage } from "./opendata/DatasetPage";
import { StatisticsPage } from "./opendata/StatisticsPage";
import { AssessPage } from "./dx/AssessPage";
import { DxHomePage } from "./dx/DxHomePage";
import { FrameworkPage } from "./dx/FrameworkPage";
import { HistoryPage, ReviewQueuePage } from "./dx/HistoryPage";
import { ResultPage } from "./dx/ResultPage";
import { SolutionsPage } from "./dx/SolutionsPage";
import { MAIN_ID, SkipLink } from "./components/SkipLink";
import { SiteFooter } from "./components/SiteFooter";
import { SiteHeader } from "./components/SiteHeader";
import { usePageFocus } from "./hooks/usePageFocus";
import { I18nProvider } from "./i18n/I18nProvider";
import { AccountPage } from "./pages/AccountPage";
import { AdminPage } from "./pages/AdminPage";
import { HomePage } from "./pages/HomePage";
import { InfoPage } from "./pages/InfoPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PlacesPage } from "./pages/PlacesPage";
import { ProvincePage } from "./pages/ProvincePage";
import { SignInPage } from "./pages/SignInPage";
import { SignUpPage } from "./pages/SignUpPage";
import type { Route } from "./routing/route";
import { useRoute } from "./routing/router";
import { DossierPage } from "./services/DossierPage";
import { EditDossierPage } from "./services/EditDossierPage";
import { MyDossiersPage } from "./services/MyDossiersPage";
import { NewDossierPage } from "./services/NewDossierPage";
import { NotificationsPage } from "./services/NotificationsPage";
import { ProcedurePage } from "./services/ProcedurePage";
import { ProceduresPage } from "./services/ProceduresPage";
import { TrackPage } from "./services/TrackPage";
import { VerifyPage } from "./services/VerifyPage";
import { SessionProvider } from "./session/SessionProvider";
import { OfficialDossierPage } from "./workspace/OfficialDossierPage";
import { WorkspacePage } from "./workspace/WorkspacePage";
import { AuditPage } from "./audit/AuditPage";

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case "home":
      return <HomePage route={route} />;
    case "info":
      return <InfoPage key={route.topic} topic={route.topic} />;
    case "places":
      return <PlacesPage q={route.q} />;
    case "province":
      // key: a different province is a fresh page, not an update of the previous one.
      return <ProvincePage key={route.code} code={route.code} q={route.q} />;
    case "signIn":
      return <SignInPage notice={route.notice} next={route.next} />;
    case "signUp":
      return <SignUpPage />;
    case "account":
      return <AccountPage />;
    case "admin":
      return <AdminPage route={route} />;
    case "audit":
      return <AuditPage route={route} />;
    case "notFound":
      return <NotFoundPage />;
    // Public services. Keys: another procedure or dossier is a fresh page, not an update.
    case "procedures":
      return <ProceduresPage route={route} />;
    case "procedure":
      return <ProcedurePage key={route.code} code={route.code} />;
    case "dossierNew":
      return <NewDossierPage key={route.procedure} route={route} />;
    case "dossierEdit":
      return <EditDossierPage key={route.code} route={route} />;
    case "dossiers":
      return <MyDossiersPage route={route} />;
    case "dossier":
      return <DossierPage key={route.code} route={route} />;
    case "notifications":
      return <NotificationsPage route={route} />;
    case "track":
      // A receipt's QR link with another code starts afresh (the form is prefilled from it).
      return <TrackPage key={route.code} code={route.code} />;
    case "verify":
      return <VerifyPage />;
    case "workspace":
      return <WorkspacePage route={route} />;
    case "workspaceDossier":
      return <OfficialDossierPage key={route.code} route={route} />;
    case "counter":
      return <CounterPage route={route} />;
    case "counterNew":
      return <CounterNewPage key={route.procedure} route={route} />;
    // The digital-transformation programme.
    case "dx":
      return <DxHomePage />;
    case "dxFramework":
      return <FrameworkPage key={`${route.id}:${route.version ?? ""}`} route={route} />;
    case "dxAssess":
      return <AssessPage key={`${route.id}:${route.page}`} route={route} />;
    case "dxResult":
      return <ResultPage key={route.id} route={route} />;
    case "dxHistory":
      return <HistoryPage route={route} />;
    case "dxReview":
      return <ReviewQueuePage route={route} />;
    case "dxSolutions":
      return <SolutionsPage route={route} />;
    // The data brain.
    case "data":
      return <DashboardPage route={route} />;
    case "dataQuality":
      return <QualityPage route={route} />;
    // Open data.
    case "openData":
      return <CatalogPage route={route} />;
    case "openDataset":
      return <DatasetPage key={route.id} route={route} />;
    case "openDataStats":
      return <StatisticsPage route={route} />;
  }
}

function Layout() {
  const route = useRoute();
  usePageFocus(route);
  return (
    <>
      <SkipLink />
      <SiteHeader route={route} />
      <main id={MAIN_ID} tabIndex={-1} class="site-main">
        <div class="container">
          <Page route={route} />
        </div>
      </main>
      <SiteFooter />
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AnnouncerProvider>
        <SessionProvider>
          <Layout />
        </SessionProvider>
      </AnnouncerProvider>
    </I18nProvider>
  );
}
