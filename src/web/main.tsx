// Boots the web app (public portal, identity, administration, audit): i18n first (so the first paint is in the reader's language), then Mantine, TanStack Query, the live connection and the router.
import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "./global.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { AppRoutes } from "./app/AppRoutes";
import { setupI18n } from "./i18n/setup-i18n";
import { ApiProblem } from "./shared/api/fetch-json";
import { InterfaceDates } from "./shared/forms/DateFields";
import { LiveConnection } from "./shared/live/LiveConnection";
import { theme } from "./shared/theme";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx (an unknown state's 404, a 403 for a missing right) will not change on retry; network and server errors may.
      retry: (failureCount, error) => !(error instanceof ApiProblem && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});

async function start(): Promise<void> {
  await setupI18n();
  const container = document.getElementById("root");
  if (!container) throw new Error("index.html has no #root element");
  createRoot(container).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <InterfaceDates>
          <QueryClientProvider client={queryClient}>
            <LiveConnection>
              <BrowserRouter>
                <AppRoutes />
              </BrowserRouter>
            </LiveConnection>
          </QueryClientProvider>
        </InterfaceDates>
      </MantineProvider>
    </StrictMode>,
  );
}

void start();
