import { getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import {
	bookingProposals,
	bookings,
	coaches,
	outboxMessages,
	payoutAccounts,
	sessions,
	socialIdentities,
	users,
} from "../../db/schema";
import type { CipherBinding } from "./crypto.server";

/**
 * Every column that holds ciphertext, in one list: key rotation walks it
 * (`reencryptPersonalData`), and a test compares it with the migrated database, so a new `_enc`
 * column that is missing here fails the build instead of being skipped by the next rotation.
 * Grouped by the module that owns the table; rotation is platform work (like migrations), so it
 * is the one place that reads across tables, and no module writes another's rows for it.
 */
export interface EncryptedColumn {
	table: PgTable;
	column: PgColumn;
	/** The row's primary key: part of each value's associated data. */
	id: PgColumn;
}

export const encryptedColumns: readonly EncryptedColumn[] = [
	// accounts
	{ table: users, column: users.phoneEnc, id: users.id },
	{ table: users, column: users.emailEnc, id: users.id },
	{ table: users, column: users.totpSecretEnc, id: users.id },
	{ table: sessions, column: sessions.ipEnc, id: sessions.id },
	{ table: outboxMessages, column: outboxMessages.recipientEnc, id: outboxMessages.id },
	{ table: outboxMessages, column: outboxMessages.bodyEnc, id: outboxMessages.id },
	// accounts: the openid of a WeChat sign-in, for WeChat Pay transfers to a coach
	{ table: socialIdentities, column: socialIdentities.openidEnc, id: socialIdentities.id },
	// coaches
	{ table: coaches, column: coaches.realNameEnc, id: coaches.id },
	{ table: coaches, column: coaches.idNumberEnc, id: coaches.id },
	// booking: an address the player typed for a lesson
	{ table: bookings, column: bookings.addressEnc, id: bookings.id },
	// booking: the addresses before and after a proposed change of place
	{ table: bookingProposals, column: bookingProposals.oldAddressEnc, id: bookingProposals.id },
	{ table: bookingProposals, column: bookingProposals.newAddressEnc, id: bookingProposals.id },
	// payments: a coach's payout account number and its holder's name
	{ table: payoutAccounts, column: payoutAccounts.accountNoEnc, id: payoutAccounts.id },
	{ table: payoutAccounts, column: payoutAccounts.holderNameEnc, id: payoutAccounts.id },
];

/**
 * The binding of a value in `column` of the row `rowId`: what a service passes to `encrypt` and
 * `decrypt`. Refuses a column that is not in the registry, so no ciphertext escapes rotation.
 */
export function sealedIn(column: PgColumn, rowId: string): CipherBinding {
	if (!encryptedColumns.some((entry) => entry.column === column)) {
		throw new Error(`${column.name} is not in the encrypted-column registry (app/lib/encrypted-columns.server.ts)`);
	}
	return { table: getTableName(column.table), column: column.name, rowId };
}
