/** 地点：教练（以后也包括球馆）按名称或地址搜索位置，而不是填写坐标。 */
export default {
	search: {
		label: "搜索地点",
		placeholder: "球厅名称或街道，如：星牌台球 徐汇",
		submit: "搜索",
		searching: "搜索中…",
		results: "搜索结果",
		districts: "按区县选择位置",
		pick: "选这个",
		none: "没有找到“{{query}}”，换个名称或写上路名试试。",
		cityFirst: "先在上面选择所在城市并保存，才能搜索这座城市里的球厅。",
		pickHint: "选中后名称和地址会填到下面，地址仍可修改。",
		picked: "位置：{{name}}",
		notPicked: "还没有选择位置：不选则按城市中心计算距离。",
		clear: "不用这个位置",
	},
	centre: {
		label: "服务范围的中心",
		hint: "学员与这个位置的距离决定能否搜到您；不选则以城市中心为圆心。",
		cityCentre: "城市中心",
		saved: "当前已保存的位置",
		places: "我的球厅",
		districts: "区县",
	},
	notice: {
		unavailable: "地点搜索暂时不可用，请先从下面的区县中选择，稍后再搜索具体球厅。",
		noDistricts: "这座城市暂时没有区县列表：请填写地址，距离按城市中心计算。",
	},
	errors: {
		queryTooLong: "搜索词最多 60 个字",
		cityUnknown: "请选择列表中的城市",
		cityRequired: "请先选择城市",
		centreUnknown: "请从列表中选择服务范围的中心",
	},
};
