import { describe, expect, it } from "vitest";
import { readAlipayBillCsv } from "~/modules/payments/providers/alipay-bill.server";

// The shape of a real 业务明细 file (values tab-padded, refunds negative, comment lines around).
const bill = [
	"#支付宝业务明细查询",
	"#账号：[20881234567890120156]",
	"#起始日期：[2026年11月30日 00:00:00]   终止日期：[2026年12月01日 00:00:00]",
	"#-----------------------------------------业务明细列表----------------------------------------",
	"支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注",
	"2026113022001411111111111111\t,CP0001\t,交易,球伴课程,2026-11-30 10:00:00,2026-11-30 10:01:02,,,,,158****1562,0.29,0.29,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,\t,-0.01,0.00,",
	"2026113022001411111111111111\t,CP0001\t,退款,球伴课程,2026-11-30 10:00:00,2026-11-30 23:59:59,,,,,158****1562,0.29,-0.15,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,R1\t,0.00,0.00,",
	"#-----------------------------------------业务明细列表结束------------------------------------",
	"#交易合计：1笔，商家实收共0.29元，商家优惠共0.00元",
	"#导出时间：[2026年12月01日 09:12:01]",
].join("\r\n");

describe("reading Alipay's daily bill", () => {
	it("reads payments and refunds to the fen, in Beijing time", () => {
		expect(readAlipayBillCsv(bill)).toEqual([
			{
				tradeNo: "2026113022001411111111111111",
				outTradeNo: "CP0001",
				kind: "payment",
				amountFen: 29,
				orderFen: 29,
				completedAt: new Date("2026-11-30T02:01:02Z"),
			},
			{
				tradeNo: "2026113022001411111111111111",
				outTradeNo: "CP0001",
				kind: "refund",
				amountFen: -15,
				orderFen: 29,
				refundRequestNo: "R1",
				completedAt: new Date("2026-11-30T15:59:59Z"),
			},
		]);
	});

	it("refuses a line it cannot read instead of leaving money out", () => {
		expect(() => readAlipayBillCsv(bill.replace(",0.29,0.29,", ",0.29,0.2.9,"))).toThrow(/line 1/);
		expect(() => readAlipayBillCsv(bill.replace("商家实收（元）", "实收"))).toThrow(/商家实收/);
	});
});
