/**
 * A progressive ladder: every shot is taken at the current position; a make moves one position
 * harder (up to the top), a miss one easier (down to 1). The result is where the player ended and
 * how many shots they made while at the top, the two numbers the drill is scored by.
 */
export interface LadderResult {
	finalPosition: number;
	makes: number;
	makesAtTop: number;
}

export function scoreLadder(shots: readonly boolean[], positions: number, start = 1): LadderResult {
	if (!Number.isInteger(positions) || positions < 1) throw new RangeError("a ladder has at least one position");
	let position = Math.min(Math.max(start, 1), positions);
	let makes = 0;
	let makesAtTop = 0;
	for (const made of shots) {
		if (made) {
			makes += 1;
			if (position === positions) makesAtTop += 1;
			position = Math.min(position + 1, positions);
		} else {
			position = Math.max(position - 1, 1);
		}
	}
	return { finalPosition: position, makes, makesAtTop };
}
