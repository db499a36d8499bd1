import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './i18n';
import './words/i18n';
import './styles.css';
// The wall's reading size applies before any screen draws, not when the map's chunk has loaded.
import './map/settings/preferences';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
