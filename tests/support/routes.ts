/** The route tree of src/routes as addresses (`/kwesties/[id]`), read from the files, so a test can demand that every route is covered. */
import fs from 'node:fs';
import path from 'node:path';
import { projectDir } from './server';

/** The files that make a folder a route SvelteKit answers. */
const ROUTE_FILES = ['+page.svelte', '+page.server.ts', '+page.ts', '+server.ts'];

/** A folder's address: route groups such as `(app)` take no part in the URL. */
function address(relative: string): string {
	const segments = relative.split(path.sep).filter((segment) => segment !== '' && !/^\(.+\)$/.test(segment));
	return '/' + segments.join('/');
}

/** Every address of the route tree under src/routes, dynamic segments as written (`[id]`), sorted. */
export function routeTree(root: string = path.join(projectDir, 'src', 'routes')): string[] {
	const found = new Set<string>();
	const walk = (dir: string) => {
		const entries = fs.readdirSync(dir, { withFileTypes: true });
		if (entries.some((e) => e.isFile() && ROUTE_FILES.includes(e.name))) {
			found.add(address(path.relative(root, dir)));
		}
		for (const e of entries) if (e.isDirectory()) walk(path.join(dir, e.name));
	};
	walk(root);
	return [...found].sort();
}
