import type { BlockNode, InlineNode } from './parse-markdown.js';

/**
 * Builds DOM nodes for parsed Markdown with createElement and text nodes only. `citation`
 * returns the chip for a marker, or undefined to leave `[n]` as text.
 */
export function renderMarkdown(blocks: BlockNode[], document: Document, citation: (n: number) => Node | undefined): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const element = (tag: string, children: InlineNode[]) => {
    const node = document.createElement(tag);
    appendInline(node, children);
    return node;
  };
  const appendInline = (parent: Node, nodes: InlineNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') parent.appendChild(document.createTextNode(node.text));
      else if (node.type === 'break') parent.appendChild(document.createElement('br'));
      else if (node.type === 'code') parent.appendChild(document.createElement('code')).textContent = node.text;
      else if (node.type === 'citation') parent.appendChild(citation(node.n) ?? document.createTextNode(`[${node.n}]`));
      else if (node.type === 'link') {
        const link = element('a', node.children) as HTMLAnchorElement;
        link.href = node.href;
        link.target = '_blank';
        link.rel = 'noopener noreferrer nofollow';
        parent.appendChild(link);
      } else parent.appendChild(element(node.type, node.children));
    }
  };
  for (const block of blocks) {
    if (block.type === 'code') {
      fragment.appendChild(document.createElement('pre')).appendChild(document.createElement('code')).textContent = block.text;
    } else if (block.type === 'list') {
      const list = fragment.appendChild(document.createElement(block.ordered ? 'ol' : 'ul'));
      for (const item of block.items) list.appendChild(element('li', item));
    } else {
      fragment.appendChild(element(block.type === 'heading' ? 'h3' : block.type === 'quote' ? 'blockquote' : 'p', block.children));
    }
  }
  return fragment;
}
