/**
 * The lower bound of the Wilson score interval (95 %) for `likes` out of `views`: an answer
 * liked by 9 of 10 readers ranks above one liked by 1 of 1, since the first is surer.
 */
export function wilsonLowerBound(likes: number, views: number, z = 1.96): number {
	const n = Math.max(views, likes);
	if (n <= 0) return 0;
	const p = likes / n;
	const z2 = z * z;
	return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}

export interface RankableAnswer {
	id: string;
	likeCount: number;
	/** Readers of the question since the answer was written. */
	views: number;
	createdAt: Date;
}

/** Answers in the order readers see them: the accepted one first, then by Wilson lower bound, then the older first. */
export function rankAnswers<T extends RankableAnswer>(answers: readonly T[], acceptedId: string | null): T[] {
	return [...answers].sort((a, b) => {
		if (a.id === acceptedId) return -1;
		if (b.id === acceptedId) return 1;
		const byScore = wilsonLowerBound(b.likeCount, b.views) - wilsonLowerBound(a.likeCount, a.views);
		return byScore !== 0 ? byScore : a.createdAt.getTime() - b.createdAt.getTime();
	});
}
