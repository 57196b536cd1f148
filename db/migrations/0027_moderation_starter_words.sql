-- The starter forbidden-word list every fresh start needs (staff edit it in the back office from then on).
-- Each word is already in its matching form (no spaces, punctuation or capitals), so word = normalized.
INSERT INTO "moderation_word_list" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO NOTHING;--> statement-breakpoint
INSERT INTO "moderation_words" ("word", "normalized", "category") VALUES
	('傻逼', '傻逼', 'abuse'),
	('煞笔', '煞笔', 'abuse'),
	('脑残', '脑残', 'abuse'),
	('去死', '去死', 'abuse'),
	('滚蛋', '滚蛋', 'abuse'),
	('约炮', '约炮', 'sexual'),
	('裸聊', '裸聊', 'sexual'),
	('援交', '援交', 'sexual'),
	('色情服务', '色情服务', 'sexual'),
	('加微信', '加微信', 'advertising'),
	('加我微信', '加我微信', 'advertising'),
	('加vx', '加vx', 'advertising'),
	('私下交易', '私下交易', 'advertising'),
	('私下约课', '私下约课', 'advertising'),
	('刷单返现', '刷单返现', 'advertising'),
	('法轮功', '法轮功', 'political'),
	('颠覆国家政权', '颠覆国家政权', 'political'),
	('赌球', '赌球', 'illegal'),
	('代开发票', '代开发票', 'illegal'),
	('办假证', '办假证', 'illegal'),
	('洗钱', '洗钱', 'illegal'),
	('毒品', '毒品', 'illegal')
ON CONFLICT ("normalized") DO NOTHING;
