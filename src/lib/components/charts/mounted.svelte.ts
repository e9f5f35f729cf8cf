/** Whether a component has mounted in the browser: LayerChart charts are built only then, since on the server they draw nothing. */
import { onMount } from 'svelte';

/**
 * False on the server and during hydration, true once the component has mounted; call it while the
 * component initialises. LayerChart needs its box measured and renders nothing in SSR, yet building
 * its scales and contexts there costs a few tenths of a millisecond per chart on every page view.
 */
export function mounted(): { readonly current: boolean } {
	let current = $state(false);
	onMount(() => {
		current = true;
	});
	return {
		get current() {
			return current;
		}
	};
}
