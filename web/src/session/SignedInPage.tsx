import type { ComponentChildren } from "preact";
import { PageHeading } from "../components/PageHeading";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import type { Route } from "../routing/route";
import { RequireSignIn } from "./RequireSignIn";

interface Props {
  route: Route;
  title: string;
  class?: string;
  // Above the heading, e.g. a breadcrumb.
  before?: ComponentChildren;
  children: ComponentChildren;
}

// A page about the reader's own data: its heading is there at once (focus lands on it after
// navigation), its content once the session is known.
export function SignedInPage({ route, title, class: className, before, children }: Props) {
  useDocumentTitle(title);
  return (
    <div class={className}>
      {before}
      <PageHeading>{title}</PageHeading>
      <RequireSignIn route={route}>{children}</RequireSignIn>
    </div>
  );
}
