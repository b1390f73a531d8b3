import { createWidget, type WidgetHandle } from './create-widget.js';
import { readTheme, readWidgetOptions } from './read-widget-options.js';

declare global {
  interface Window {
    CitedAnswers?: WidgetHandle;
  }
}

// document.currentScript is only set while this script first runs, so read it now.
const script = document.currentScript as HTMLScriptElement | null;

function start(): void {
  if (window.CitedAnswers) return;
  const options = readWidgetOptions({
    scriptSrc: script?.src || undefined,
    dataset: { ...(script?.dataset ?? {}) },
    pageLanguage: document.documentElement.lang,
    pageTheme: document.documentElement.dataset.theme,
    pageUrl: location.href,
  });
  const widget = createWidget(document, options);
  window.CitedAnswers = widget;
  // Without its own data-theme, the widget follows the page's <html data-theme> as it changes.
  if (!script?.dataset.theme) {
    new MutationObserver(() => widget.setTheme(readTheme(document.documentElement.dataset.theme) ?? 'auto')).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  }
  // Any element on the page with data-cited-answers-question="…" asks that question.
  document.addEventListener('click', (event) => {
    const trigger = (event.target as Element | null)?.closest?.('[data-cited-answers-question]');
    const question = trigger?.getAttribute('data-cited-answers-question');
    if (question) {
      event.preventDefault();
      widget.ask(question);
    }
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
