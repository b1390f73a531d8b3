const icons = {
  chat: 'M4 5h16v11H8l-4 4z',
  close: 'M6 6l12 12M18 6L6 18',
  plus: 'M12 5v14M5 12h14',
  send: 'M4 12l16-8-6 16-2-7z',
  stop: 'M7 7h10v10H7z',
  copy: 'M9 9h10v11H9zM5 15V4h10',
  up: 'M7 11v9H4v-9zM7 11l4-7c1.5 0 2.5 1 2 3l-1 3h6c1 0 2 1 1.7 2.2l-1.6 6c-.3 1-1 1.8-2.1 1.8H7',
  down: 'M7 13V4H4v9zM7 13l4 7c1.5 0 2.5-1 2-3l-1-3h6c1 0 2-1 1.7-2.2l-1.6-6C17.8 4.8 17.1 4 16 4H7',
  retry: 'M4 12a8 8 0 1 0 2.5-5.8M4 4v4h4',
};

export type IconName = keyof typeof icons;

export interface DomHelpers {
  element<Tag extends keyof HTMLElementTagNameMap>(tag: Tag, attributes?: Record<string, string>, ...children: Array<Node | string>): HTMLElementTagNameMap[Tag];
  icon(name: IconName): SVGSVGElement;
  iconButton(name: IconName, label: string, attributes?: Record<string, string>, text?: string): HTMLButtonElement;
}

/** Small DOM builders bound to one document: elements with attributes, and the widget's icons. */
export function createDomHelpers(document: Document): DomHelpers {
  const element: DomHelpers['element'] = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const icon = (name: IconName) => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('fill', 'none');
    svg.setAttribute('stroke', 'currentColor');
    svg.setAttribute('stroke-width', '2');
    svg.setAttribute('stroke-linecap', 'round');
    svg.setAttribute('stroke-linejoin', 'round');
    const path = svg.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'path'));
    path.setAttribute('d', icons[name]);
    return svg;
  };
  const iconButton: DomHelpers['iconButton'] = (name, label, attributes = {}, text) =>
    element('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label, ...attributes }, icon(name), ...(text ? [text] : []));
  return { element, icon, iconButton };
}
