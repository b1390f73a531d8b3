import type { DomHelpers } from './create-dom-helpers.js';
import { describeCitation } from './describe-citation.js';
import type { Labels } from './labels.js';
import { buildSourceHref, type CitationData } from './read-citations.js';

export interface CitationTooltip {
  /** A numbered chip linking to the cited paragraph, described by the element `descriptionId`. */
  createChip(citation: CitationData, descriptionId: string): HTMLElement;
  /** Hides the tooltip and the preview sheet at once; returns whether either was showing. */
  dismiss(): boolean;
}

/** `zh` for a quote with Han characters, so it takes the 「」 marks; else `en`. */
const quoteLanguage = (quote: string) => (/\p{Script=Han}/u.test(quote) ? 'zh' : 'en');

/**
 * The one tooltip the panel shares among its citation chips: the quote, the title, the outlet
 * and date, shown on hover and keyboard focus, placed above the chip unless that covers the header.
 * Where nothing can hover (phones), a tap on a chip opens the same preview as a sheet with a link
 * to the paragraph, instead of leaving the page at once.
 */
export function createCitationTooltip(options: { dom: DomHelpers; panel: HTMLElement; messagesView: HTMLElement; labels: Labels; language: string }): CitationTooltip {
  const { dom, panel, messagesView, labels, language } = options;
  const { element } = dom;
  const tip = panel.appendChild(element('div', { class: 'tip', hidden: '', 'aria-hidden': 'true' }));
  const sheetBody = element('div');
  const sheetLink = element('a', { target: '_blank', rel: 'noopener noreferrer' }, labels.openSource);
  const sheetClose = dom.iconButton('close', labels.close);
  const sheet = panel.appendChild(element('div', { class: 'sheet', role: 'dialog', 'aria-label': labels.preview, hidden: '' }, sheetBody, element('div', { class: 'sheet-actions' }, sheetLink, sheetClose)));
  const chipCitations = new WeakMap<Element, CitationData>();
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let sheetChip: HTMLElement | undefined;
  const touchOnly = () => matchMedia('(hover: none), (max-width: 480px)').matches;
  const describe = (citation: CitationData) => [
    ...(citation.quote ? [element('q', { lang: quoteLanguage(citation.quote) }, citation.quote)] : []),
    element('div', { class: 'tip-title' }, citation.title),
    element('div', { class: 'tip-meta' }, describeCitation(citation, language)),
  ];

  const openSheet = (chip: HTMLElement) => {
    const citation = chipCitations.get(chip);
    if (!citation) return;
    tip.hidden = true;
    sheetBody.replaceChildren(...describe(citation));
    const href = chip.getAttribute('href');
    sheetLink.hidden = !href;
    if (href) sheetLink.href = href;
    sheet.hidden = false;
    sheetChip = chip;
    (href ? sheetLink : sheetClose).focus();
  };
  const closeSheet = () => {
    sheet.hidden = true;
    sheetChip?.focus();
    sheetChip = undefined;
  };
  sheetClose.addEventListener('click', closeSheet);

  const show = (chip: Element) => {
    const citation = chipCitations.get(chip);
    if (!citation || touchOnly()) return;
    clearTimeout(hideTimer);
    tip.replaceChildren(...describe(citation));
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
  panel.addEventListener('click', (event) => {
    const chip = chipOf(event) as HTMLElement | null | undefined;
    if (!chip || !touchOnly()) return;
    event.preventDefault();
    openSheet(chip);
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
      const wasShowing = !tip.hidden || !sheet.hidden;
      tip.hidden = true;
      if (!sheet.hidden) closeSheet();
      return wasShowing;
    },
  };
}
