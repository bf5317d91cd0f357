// Moving an item inside a list (workflow steps, wizard steps and fields).

/** A copy of `list` with the item at `from` moved to index `to`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
	const out = list.slice();
	if (from < 0 || from >= out.length) return out;
	const target = Math.max(0, Math.min(out.length - 1, to));
	const [item] = out.splice(from, 1);
	out.splice(target, 0, item);
	return out;
}

/**
 * Where a dragged row lands: the index whose row midpoint is the first below
 * the pointer (rows given by their vertical midpoints, in order).
 */
export function dropIndex(midpoints: readonly number[], pointerY: number, from: number): number {
	let idx = midpoints.findIndex((m) => pointerY < m);
	if (idx < 0) idx = midpoints.length;
	// Removing the dragged row first shifts everything after it up by one.
	return idx > from ? idx - 1 : idx;
}
