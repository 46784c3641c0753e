import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { DossierProvider } from './api/client';
import { connect } from './api/transport';
import { ErrorBoundary } from './components/ErrorBoundary';
import { NoToken } from './components/NoToken';
import { UndoProvider } from './lib/undo';
import './styles/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const setup = connect();
createRoot(container).render(
  <StrictMode>
    <ErrorBoundary>
      {setup.kind === 'ready' ? (
        <DossierProvider connection={setup.connection}>
          <UndoProvider>
            <App />
          </UndoProvider>
        </DossierProvider>
      ) : (
        <NoToken />
      )}
    </ErrorBoundary>
  </StrictMode>,
);
