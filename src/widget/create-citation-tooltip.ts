import type { DomHelpers } from './create-dom-helpers.js';
import { describeCitation } from './describe-citation.js';
import type { Labels } from './labels.js';
import { buildSourceHref, type CitationData } from './read-citations.js';

export interface CitationTooltip {
  /** A numbered chip linking to the cited paragraph, described by the element `descriptionId`. */
  createChip(citation: CitationData, descriptionId: string): HTMLElement;
  /** Hides the tooltip at once; returns whether it was showing. */
  dismiss(): boolean;
}

/**
 * The one tooltip the panel shares among its citation chips: the quote, the title, the outlet
 * and date, shown on hover and keyboard focus, placed above the chip unless that covers the header.
 */
export function createCitationTooltip(options: { dom: DomHelpers; panel: HTMLElement; messagesView: HTMLElement; labels: Labels; language: string }): CitationTooltip {
  const { dom, panel, messagesView, labels, language } = options;
  const { element } = dom;
  const tip = panel.appendChild(element('div', { class: 'tip', hidden: '', 'aria-hidden': 'true' }));
  const chipCitations = new WeakMap<Element, CitationData>();
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  const show = (chip: Element) => {
    const citation = chipCitations.get(chip);
    if (!citation) return;
    clearTimeout(hideTimer);
    tip.replaceChildren(
      ...(citation.quote ? [element('q', {}, citation.quote)] : []),
      element('div', { class: 'tip-title' }, citation.title),
      element('div', { class: 'tip-meta' }, describeCitation(citation, language)),
    );
    tip.hidden = false;
    const panelBox = panel.getBoundingClientRect();
    const chipBox = chip.getBoundingClientRect();
    const left = Math.max(12, Math.min(chipBox.left - panelBox.left - 20, panelBox.width - tip.offsetWidth - 12));
    const above = chipBox.top - panelBox.top - tip.offsetHeight - 8;
    // Above the chip unless that would cover the header; then below it.
    tip.style.left = `${left}px`;
    tip.style.top = `${above > messagesView.offsetTop ? above : chipBox.bottom - panelBox.top + 8}px`;
  };
  const hide = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => (tip.hidden = true), 120);
  };
  const chipOf = (event: Event) => (event.target as Element).closest?.('.chip');
  panel.addEventListener('mouseover', (event) => {
    const chip = chipOf(event);
    if (chip) show(chip);
  });
  panel.addEventListener('mouseout', (event) => {
    if (chipOf(event)) hide();
  });
  panel.addEventListener('focusin', (event) => {
    const chip = chipOf(event);
    if (chip) show(chip);
  });
  panel.addEventListener('focusout', (event) => {
    if (chipOf(event)) hide();
  });

  return {
    createChip(citation, descriptionId) {
      const href = buildSourceHref(citation);
      const chip = href
        ? element('a', { class: 'chip', href, target: '_blank', rel: 'noopener noreferrer' }, String(citation.n))
        : element('span', { class: 'chip', tabindex: '0' }, String(citation.n));
      chip.setAttribute('aria-label', `${labels.source} ${citation.n}: ${citation.title}`);
      chip.setAttribute('aria-describedby', descriptionId);
      chipCitations.set(chip, citation);
      return chip;
    },
    dismiss() {
      const wasShowing = !tip.hidden;
      tip.hidden = true;
      return wasShowing;
    },
  };
}
