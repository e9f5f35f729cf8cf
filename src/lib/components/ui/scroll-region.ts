/** An attachment for a box that scrolls sideways (a wide table): while it scrolls, the keyboard can reach and scroll it (WCAG 2.1.1). */

/** Gives the element tabindex 0 while its content is wider than the element, and takes it away when it fits. */
export function scrollRegion(element: HTMLElement): () => void {
	const update = () => {
		if (element.scrollWidth > element.clientWidth + 1) element.tabIndex = 0;
		else element.removeAttribute('tabindex');
	};
	update();
	// Both sizes change: the box when a section opens or the window narrows, the table when its data changes.
	const observer = new ResizeObserver(update);
	observer.observe(element);
	if (element.firstElementChild) observer.observe(element.firstElementChild);
	return () => observer.disconnect();
}
