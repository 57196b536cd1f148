-- Migration 0033 added the moderation categories this one seeds. PostgreSQL refuses an enum value
-- added in the same transaction ("unsafe use of new value"), and a fresh database applies every
-- pending migration in one transaction, so commit what came before and go on in a new one.
COMMIT;--> statement-breakpoint
BEGIN;--> statement-breakpoint
-- The community's boards every fresh start needs (staff rename, order and archive them in the back office).
INSERT INTO "community_boards" ("slug", "name_zh", "name_en", "position") VALUES
	('chinese-8-ball', '中式八球', 'Chinese 8-ball', 1),
	('9-ball', '美式九球', '9-ball', 2),
	('snooker', '斯诺克', 'Snooker', 3),
	('technique', '技术交流', 'Technique', 4),
	('equipment', '器材', 'Equipment', 5),
	('halls-and-games', '球厅与约球', 'Halls and games', 6),
	('questions', '问答', 'Q&A', 7)
ON CONFLICT ("slug") DO NOTHING;--> statement-breakpoint
-- Each category's action for community texts. Reviews keep holding on any hit (decision 018).
INSERT INTO "moderation_category_actions" ("category", "action") VALUES
	('abuse', 'replace'),
	('sexual', 'hold'),
	('advertising', 'hold'),
	('political', 'block'),
	('illegal', 'block'),
	('gambling', 'block'),
	('pornography', 'block'),
	('drugs', 'block'),
	('fraud', 'block'),
	('off_platform_payment', 'block')
ON CONFLICT ("category") DO NOTHING;--> statement-breakpoint
-- The trade's known scams move to the categories issue 15 names; new words join them.
UPDATE "moderation_words" SET "category" = 'fraud' WHERE "normalized" IN ('代开发票', '办假证', '刷单返现');--> statement-breakpoint
UPDATE "moderation_words" SET "category" = 'off_platform_payment' WHERE "normalized" IN ('私下交易', '私下约课');--> statement-breakpoint
UPDATE "moderation_words" SET "category" = 'gambling' WHERE "normalized" IN ('赌球');--> statement-breakpoint
UPDATE "moderation_words" SET "category" = 'drugs' WHERE "normalized" IN ('毒品');--> statement-breakpoint
INSERT INTO "moderation_words" ("word", "normalized", "category") VALUES
	('赌台球', '赌台球', 'gambling'),
	('押注', '押注', 'gambling'),
	('网赌', '网赌', 'gambling'),
	('黄色网站', '黄色网站', 'pornography'),
	('成人视频', '成人视频', 'pornography'),
	('冰毒', '冰毒', 'drugs'),
	('大麻', '大麻', 'drugs'),
	('发票代开', '发票代开', 'fraud'),
	('加微信转账', '加微信转账', 'off_platform_payment'),
	('微信转账', '微信转账', 'off_platform_payment'),
	('支付宝转我', '支付宝转我', 'off_platform_payment'),
	('线下付款', '线下付款', 'off_platform_payment')
ON CONFLICT ("normalized") DO NOTHING;--> statement-breakpoint
UPDATE "moderation_word_list" SET "version" = "version" + 1, "changed_at" = now() WHERE "id" = 1;
