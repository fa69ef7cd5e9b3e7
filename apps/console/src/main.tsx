import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app';
import { ConsoleAuthProvider } from './auth/console-auth-provider';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConsoleAuthProvider>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </ConsoleAuthProvider>
  </StrictMode>,
);
