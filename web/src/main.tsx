import { render } from "preact";
import "@fontsource/be-vietnam-pro/400.css";
import "@fontsource/be-vietnam-pro/600.css";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/places.css";
import "./styles/forms.css";
import "./styles/account.css";
import "./styles/admin.css";
import "./styles/services.css";
import "./styles/opendata.css";
import { App } from "./App";

const root = document.getElementById("app");
if (root !== null) render(<App />, root);
