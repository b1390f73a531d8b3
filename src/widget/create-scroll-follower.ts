export interface ScrollFollower {
  /** The reader asked something: follow the answer again. */
  follow(): void;
  /** After a render: keep to the bottom while following; a `finished` answer taller than the view is shown from its start. */
  update(finished: HTMLElement | undefined): void;
}

/**
 * Keeps a scrolling view at its bottom while content streams in, only as long as the reader
 * stays there: scrolling up stops it (a scroll the follower made itself does not count).
 */
export function createScrollFollower(view: HTMLElement): ScrollFollower {
  let following = true;
  let ownScrollTop = -1;
  const scrollTo = (top: number) => {
    view.scrollTop = top;
    ownScrollTop = view.scrollTop;
  };
  view.addEventListener('scroll', () => {
    if (Math.abs(view.scrollTop - ownScrollTop) > 1) following = view.scrollHeight - view.scrollTop - view.clientHeight < 40;
  });
  return {
    follow() {
      following = true;
    },
    update(finished) {
      if (!following) return;
      if (finished && finished.offsetHeight > view.clientHeight) scrollTo(view.scrollTop + finished.getBoundingClientRect().top - view.getBoundingClientRect().top - 8);
      else scrollTo(view.scrollHeight);
    },
  };
}
