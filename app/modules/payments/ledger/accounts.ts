/**
 * The ledger's accounts. An entry names a kind and whose it is (`ref`): a provider's clearing
 * account, one booking's escrow, one coach's payable balance. Debits are positive, credits
 * negative; a journal's entries sum to zero (the database checks it at commit).
 *
 * - provider_clearing (ref: method): money the provider holds for us, collected but not yet settled.
 * - booking_escrow (ref: booking): what a player paid for a lesson until it is earned or refunded.
 * - coach_pending (ref: coach): a coach's settled income still inside the dispute window (not yet withdrawable).
 * - coach_payable (ref: coach): what the platform owes a coach and the coach may withdraw.
 * - venue_payable (ref: venue): a venue's share, once venues exist.
 * - platform_commission: the platform's income (commission, cancellation fees, rounding remainders).
 * - refunds_payable (ref: method): refunds promised to payers and not yet confirmed by the provider.
 * - payouts_in_transit (ref: coach): withdrawals sent and not yet confirmed.
 */
export const ledgerAccounts = [
	"provider_clearing",
	"booking_escrow",
	"coach_payable",
	"coach_pending",
	"venue_payable",
	"platform_commission",
	"refunds_payable",
	"payouts_in_transit",
] as const;
export type LedgerAccount = (typeof ledgerAccounts)[number];

export interface LedgerLine {
	account: LedgerAccount;
	ref?: string;
	/** Signed fen: debit positive, credit negative. */
	amountFen: number;
}

type Account = Omit<LedgerLine, "amountFen">;

/**
 * The two lines of one amount: a debit (positive) and a credit (negative). Named by side, not by
 * direction, because money "moving out" of an asset (clearing) and of a liability (escrow) are
 * opposite sides.
 */
export const entries = (amountFen: number, sides: { debit: Account; credit: Account }): LedgerLine[] => [
	{ ...sides.debit, amountFen },
	{ ...sides.credit, amountFen: -amountFen },
];
