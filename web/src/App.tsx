import { AnnouncerProvider } from "./a11y/Announcer";
import { MAIN_ID, SkipLink } from "./components/SkipLink";
import { SiteFooter } from "./components/SiteFooter";
import { SiteHeader } from "./components/SiteHeader";
import { usePageFocus } from "./hooks/usePageFocus";
import { I18nProvider } from "./i18n/I18nProvider";
import { AccountPage } from "./pages/AccountPage";
import { AdminPage } from "./pages/AdminPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PlacesPage } from "./pages/PlacesPage";
import { ProvincePage } from "./pages/ProvincePage";
import { SignInPage } from "./pages/SignInPage";
import { SignUpPage } from "./pages/SignUpPage";
import type { Route } from "./routing/route";
import { useRoute } from "./routing/router";
import { SessionProvider } from "./session/SessionProvider";

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case "places":
      return <PlacesPage q={route.q} />;
    case "province":
      // key: a different province is a fresh page, not an update of the previous one.
      return <ProvincePage key={route.code} code={route.code} q={route.q} />;
    case "signIn":
      return <SignInPage notice={route.notice} />;
    case "signUp":
      return <SignUpPage />;
    case "account":
      return <AccountPage />;
    case "admin":
      return <AdminPage route={route} />;
    case "notFound":
      return <NotFoundPage />;
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
