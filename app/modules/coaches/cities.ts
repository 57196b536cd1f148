/**
 * The cities a player can search for coaches from ("a chosen city"): the capitals of all 31 mainland provinces,
 * autonomous regions and municipalities, Hong Kong, Macau and Taipei, and the larger prefecture-level cities.
 *
 * Source. Coordinates are the city centre — the traditional downtown or the seat of the city government — as
 * published in GeoNames (geonames.org, CC BY 4.0) and in each city's Wikipedia article. Populations are the urban
 * (城区) population after the 2020 Seventh National Population Census (第七次全国人口普查), in millions, rounded
 * to 0.1. Both were compiled by hand for this file, not downloaded: the list is bundled so that nothing is fetched
 * over the network at build or start.
 *
 * Datum. The rows are WGS-84, as GeoNames publishes them; `cities` holds them converted to GCJ-02, the stored datum.
 *
 * Accuracy. A coordinate is meant to lie within about 5 km of the centre; its four decimals are notation, not
 * precision. Where a city government has moved out of the old downtown either point counts as the centre: 哈尔滨,
 * 成都 and 合肥 here are the government seat, 西安 (the Bell Tower), 昆明, 贵阳, 海口, 济南 and 泉州 the old downtown.
 * The coordinates were checked against GeoNames' where GeoNames lists the city. Populations are approximate: good
 * enough to rank a big city above a small one, not to be quoted as statistics.
 *
 * Order: by province, in the order of the national administrative division codes (GB/T 2260: 北京 11 … 新疆 65,
 * then 台湾, 香港, 澳门); within a province the capital first, then the other cities by population.
 *
 * `code` is the city's name in pinyin, lowercase, without tones, spaces or apostrophes (西安 → "xian",
 * 哈尔滨 → "haerbin", 香港 → "xianggang"). Two cities that share a spelling both take their province after a hyphen
 * (台州 → "taizhou-zhejiang", 泰州 → "taizhou-jiangsu"). Codes are stable: they are stored, so never rename one.
 */

import { storedFromWgs84 } from "~/modules/places/datum";

export interface City {
	code: string;
	nameZh: string;
	nameEn: string;
	/** The province, autonomous region, municipality or special administrative region, in Chinese (short form). */
	province: string;
	provinceEn: string;
	latitude: number;
	longitude: number;
	/** Urban population in millions, approximate (see the note at the top). */
	population?: number;
}

type Row = readonly [code: string, nameZh: string, nameEn: string, latitude: number, longitude: number, population: number];

const provinces: readonly (readonly [province: string, provinceEn: string, rows: readonly Row[]])[] = [
	["北京", "Beijing", [["beijing", "北京", "Beijing", 39.9042, 116.4074, 17.8]]],
	["天津", "Tianjin", [["tianjin", "天津", "Tianjin", 39.1336, 117.2054, 10.9]]],
	[
		"河北",
		"Hebei",
		[
			["shijiazhuang", "石家庄", "Shijiazhuang", 38.0428, 114.5149, 4.7],
			["tangshan", "唐山", "Tangshan", 39.6305, 118.1802, 2.3],
			["baoding", "保定", "Baoding", 38.874, 115.4646, 2.0],
			["handan", "邯郸", "Handan", 36.6123, 114.4907, 1.8],
			["qinhuangdao", "秦皇岛", "Qinhuangdao", 39.9354, 119.5996, 1.0],
			["zhangjiakou", "张家口", "Zhangjiakou", 40.8244, 114.8876, 1.0],
			["langfang", "廊坊", "Langfang", 39.538, 116.6838, 0.9],
			["xingtai", "邢台", "Xingtai", 37.0706, 114.5044, 0.9],
			["cangzhou", "沧州", "Cangzhou", 38.3044, 116.8388, 0.8],
		],
	],
	[
		"山西",
		"Shanxi",
		[
			["taiyuan", "太原", "Taiyuan", 37.8706, 112.5489, 4.6],
			["datong", "大同", "Datong", 40.0768, 113.3001, 1.6],
			["changzhi", "长治", "Changzhi", 36.1954, 113.1163, 0.9],
			["jinzhong", "晋中", "Jinzhong", 37.687, 112.7528, 0.9],
			["linfen", "临汾", "Linfen", 36.088, 111.519, 0.8],
			["yuncheng", "运城", "Yuncheng", 35.0263, 111.007, 0.7],
		],
	],
	[
		"内蒙古",
		"Inner Mongolia",
		[
			["huhehaote", "呼和浩特", "Hohhot", 40.8183, 111.6708, 2.5],
			["baotou", "包头", "Baotou", 40.6574, 109.8403, 2.2],
			["chifeng", "赤峰", "Chifeng", 42.2578, 118.8869, 1.0],
			["eerduosi", "鄂尔多斯", "Ordos", 39.6086, 109.7813, 0.7],
		],
	],
	[
		"辽宁",
		"Liaoning",
		[
			["shenyang", "沈阳", "Shenyang", 41.8057, 123.4315, 7.1],
			["dalian", "大连", "Dalian", 38.914, 121.6147, 5.2],
			["anshan", "鞍山", "Anshan", 41.1087, 122.9946, 1.4],
			["fushun", "抚顺", "Fushun", 41.8797, 123.9573, 1.2],
			["jinzhou", "锦州", "Jinzhou", 41.0951, 121.127, 0.9],
			["yingkou", "营口", "Yingkou", 40.6671, 122.2352, 0.9],
			["benxi", "本溪", "Benxi", 41.294, 123.766, 0.8],
			["dandong", "丹东", "Dandong", 40.1245, 124.383, 0.7],
		],
	],
	[
		"吉林",
		"Jilin",
		[
			["changchun", "长春", "Changchun", 43.8868, 125.3245, 4.8],
			["jilin", "吉林", "Jilin", 43.8378, 126.5496, 1.4],
		],
	],
	[
		"黑龙江",
		"Heilongjiang",
		[
			["haerbin", "哈尔滨", "Harbin", 45.8038, 126.535, 5.5],
			["daqing", "大庆", "Daqing", 46.5893, 125.1037, 1.4],
			["qiqihaer", "齐齐哈尔", "Qiqihar", 47.3543, 123.918, 1.0],
			["mudanjiang", "牡丹江", "Mudanjiang", 44.5516, 129.6332, 0.8],
		],
	],
	["上海", "Shanghai", [["shanghai", "上海", "Shanghai", 31.2304, 121.4737, 19.9]]],
	[
		"江苏",
		"Jiangsu",
		[
			["nanjing", "南京", "Nanjing", 32.0603, 118.7969, 7.4],
			["suzhou", "苏州", "Suzhou", 31.299, 120.5853, 4.6],
			["wuxi", "无锡", "Wuxi", 31.5747, 120.299, 3.6],
			["changzhou", "常州", "Changzhou", 31.781, 119.953, 2.9],
			["xuzhou", "徐州", "Xuzhou", 34.2044, 117.2858, 2.8],
			["nantong", "南通", "Nantong", 32.008, 120.873, 2.2],
			["yangzhou", "扬州", "Yangzhou", 32.3932, 119.4129, 1.7],
			["huaian", "淮安", "Huai'an", 33.6104, 119.0153, 1.6],
			["yancheng", "盐城", "Yancheng", 33.3477, 120.1633, 1.5],
			["lianyungang", "连云港", "Lianyungang", 34.5967, 119.2216, 1.2],
			["taizhou-jiangsu", "泰州", "Taizhou (Jiangsu)", 32.4849, 119.9152, 1.1],
			["zhenjiang", "镇江", "Zhenjiang", 32.2044, 119.452, 1.1],
			["suqian", "宿迁", "Suqian", 33.9631, 118.2752, 1.0],
		],
	],
	[
		"浙江",
		"Zhejiang",
		[
			["hangzhou", "杭州", "Hangzhou", 30.2741, 120.1551, 8.7],
			["ningbo", "宁波", "Ningbo", 29.8683, 121.544, 3.8],
			["wenzhou", "温州", "Wenzhou", 27.9943, 120.6994, 2.6],
			["shaoxing", "绍兴", "Shaoxing", 29.9958, 120.5861, 2.0],
			["taizhou-zhejiang", "台州", "Taizhou (Zhejiang)", 28.6561, 121.4208, 1.7],
			["jiaxing", "嘉兴", "Jiaxing", 30.7467, 120.7555, 1.2],
			["jinhua", "金华", "Jinhua", 29.079, 119.6474, 1.1],
			["huzhou", "湖州", "Huzhou", 30.8943, 120.0868, 1.1],
		],
	],
	[
		"安徽",
		"Anhui",
		[
			["hefei", "合肥", "Hefei", 31.8206, 117.2272, 4.4],
			["wuhu", "芜湖", "Wuhu", 31.3526, 118.4331, 1.6],
			["fuyang", "阜阳", "Fuyang", 32.8901, 115.8142, 1.4],
			["huainan", "淮南", "Huainan", 32.6255, 116.9998, 1.4],
			["bengbu", "蚌埠", "Bengbu", 32.9163, 117.3889, 1.0],
			["huaibei", "淮北", "Huaibei", 33.9556, 116.7983, 1.0],
			["luan", "六安", "Lu'an", 31.735, 116.522, 1.0],
			["maanshan", "马鞍山", "Ma'anshan", 31.6705, 118.5066, 0.9],
			["anqing", "安庆", "Anqing", 30.543, 117.0634, 0.8],
		],
	],
	[
		"福建",
		"Fujian",
		[
			["fuzhou", "福州", "Fuzhou", 26.0745, 119.2965, 3.6],
			["xiamen", "厦门", "Xiamen", 24.4798, 118.0894, 4.6],
			["quanzhou", "泉州", "Quanzhou", 24.9088, 118.5894, 1.8],
			["zhangzhou", "漳州", "Zhangzhou", 24.513, 117.6471, 1.2],
			["putian", "莆田", "Putian", 25.454, 119.0078, 1.2],
			["longyan", "龙岩", "Longyan", 25.0753, 117.0173, 0.8],
		],
	],
	[
		"江西",
		"Jiangxi",
		[
			["nanchang", "南昌", "Nanchang", 28.6829, 115.8579, 3.5],
			["ganzhou", "赣州", "Ganzhou", 25.8312, 114.935, 1.6],
			["jiujiang", "九江", "Jiujiang", 29.7051, 116.0019, 1.0],
			["shangrao", "上饶", "Shangrao", 28.4546, 117.9434, 0.8],
			["yichun", "宜春", "Yichun", 27.8158, 114.4162, 0.7],
		],
	],
	[
		"山东",
		"Shandong",
		[
			["jinan", "济南", "Jinan", 36.6617, 117.0209, 5.9],
			["qingdao", "青岛", "Qingdao", 36.0671, 120.3826, 6.0],
			["zibo", "淄博", "Zibo", 36.8131, 118.0548, 2.5],
			["linyi", "临沂", "Linyi", 35.076, 118.35, 2.5],
			["yantai", "烟台", "Yantai", 37.4638, 121.4479, 2.4],
			["weifang", "潍坊", "Weifang", 36.708, 119.132, 2.0],
			["jining", "济宁", "Jining", 35.4154, 116.5871, 1.6],
			["taian", "泰安", "Tai'an", 36.195, 117.12, 1.0],
			["heze", "菏泽", "Heze", 35.2336, 115.4807, 1.0],
			["zaozhuang", "枣庄", "Zaozhuang", 34.8647, 117.5542, 1.0],
			["weihai", "威海", "Weihai", 37.5131, 122.1204, 0.9],
			["rizhao", "日照", "Rizhao", 35.4164, 119.5269, 0.9],
			["dezhou", "德州", "Dezhou", 37.4355, 116.3575, 0.9],
			["liaocheng", "聊城", "Liaocheng", 36.457, 115.9855, 0.9],
		],
	],
	[
		"河南",
		"Henan",
		[
			["zhengzhou", "郑州", "Zhengzhou", 34.7466, 113.6254, 5.3],
			["luoyang", "洛阳", "Luoyang", 34.664, 112.442, 2.2],
			["nanyang", "南阳", "Nanyang", 32.9907, 112.5283, 1.7],
			["xinxiang", "新乡", "Xinxiang", 35.3026, 113.884, 1.2],
			["kaifeng", "开封", "Kaifeng", 34.7972, 114.3076, 1.1],
			["anyang", "安阳", "Anyang", 36.0976, 114.3924, 1.1],
			["shangqiu", "商丘", "Shangqiu", 34.4141, 115.6564, 1.1],
			["pingdingshan", "平顶山", "Pingdingshan", 33.7375, 113.3, 1.0],
			["xinyang", "信阳", "Xinyang", 32.1471, 114.0913, 1.0],
			["jiaozuo", "焦作", "Jiaozuo", 35.2159, 113.2418, 0.9],
			["xuchang", "许昌", "Xuchang", 34.0357, 113.8523, 0.9],
			["zhumadian", "驻马店", "Zhumadian", 33.0114, 114.0225, 0.9],
		],
	],
	[
		"湖北",
		"Hubei",
		[
			["wuhan", "武汉", "Wuhan", 30.5928, 114.3055, 10.0],
			["xiangyang", "襄阳", "Xiangyang", 32.009, 112.1224, 1.7],
			["yichang", "宜昌", "Yichang", 30.6919, 111.2865, 1.3],
			["jingzhou", "荆州", "Jingzhou", 30.3348, 112.2397, 1.0],
			["shiyan", "十堰", "Shiyan", 32.6292, 110.798, 0.9],
			["xiaogan", "孝感", "Xiaogan", 30.9246, 113.9169, 0.7],
			["jingmen", "荆门", "Jingmen", 31.0354, 112.1994, 0.6],
		],
	],
	[
		"湖南",
		"Hunan",
		[
			["changsha", "长沙", "Changsha", 28.2282, 112.9388, 5.6],
			["zhuzhou", "株洲", "Zhuzhou", 27.8274, 113.134, 1.3],
			["hengyang", "衡阳", "Hengyang", 26.8936, 112.5986, 1.1],
			["xiangtan", "湘潭", "Xiangtan", 27.843, 112.925, 1.0],
			["yueyang", "岳阳", "Yueyang", 29.357, 113.129, 1.0],
			["changde", "常德", "Changde", 29.0318, 111.6985, 0.9],
			["chenzhou", "郴州", "Chenzhou", 25.7706, 113.0149, 0.8],
			["shaoyang", "邵阳", "Shaoyang", 27.2389, 111.4677, 0.7],
		],
	],
	[
		"广东",
		"Guangdong",
		[
			["guangzhou", "广州", "Guangzhou", 23.1291, 113.2644, 14.9],
			["shenzhen", "深圳", "Shenzhen", 22.5431, 114.0579, 17.4],
			["dongguan", "东莞", "Dongguan", 23.0207, 113.7518, 9.6],
			["foshan", "佛山", "Foshan", 23.0218, 113.1219, 8.5],
			["zhongshan", "中山", "Zhongshan", 22.5176, 113.3926, 3.4],
			["shantou", "汕头", "Shantou", 23.3541, 116.6819, 3.0],
			["huizhou", "惠州", "Huizhou", 23.1115, 114.4152, 2.4],
			["zhuhai", "珠海", "Zhuhai", 22.2707, 113.5767, 2.2],
			["jiangmen", "江门", "Jiangmen", 22.5787, 113.0819, 1.6],
			["zhanjiang", "湛江", "Zhanjiang", 21.2707, 110.3594, 1.4],
			["maoming", "茂名", "Maoming", 21.663, 110.9254, 1.1],
			["jieyang", "揭阳", "Jieyang", 23.5498, 116.3728, 1.1],
			["zhaoqing", "肇庆", "Zhaoqing", 23.0472, 112.4651, 0.9],
			["chaozhou", "潮州", "Chaozhou", 23.6567, 116.6226, 0.9],
			["qingyuan", "清远", "Qingyuan", 23.682, 113.056, 0.9],
			["shaoguan", "韶关", "Shaoguan", 24.8104, 113.5972, 0.8],
			["meizhou", "梅州", "Meizhou", 24.2886, 116.1226, 0.5],
		],
	],
	[
		"广西",
		"Guangxi",
		[
			["nanning", "南宁", "Nanning", 22.817, 108.32, 4.8],
			["liuzhou", "柳州", "Liuzhou", 24.3255, 109.4155, 2.0],
			["guilin", "桂林", "Guilin", 25.2736, 110.29, 1.4],
			["yulin-guangxi", "玉林", "Yulin (Guangxi)", 22.6314, 110.1544, 0.9],
			["beihai", "北海", "Beihai", 21.4813, 109.1202, 0.8],
		],
	],
	[
		"海南",
		"Hainan",
		[
			["haikou", "海口", "Haikou", 20.033, 110.33, 2.3],
			["sanya", "三亚", "Sanya", 18.2528, 109.5119, 0.8],
		],
	],
	["重庆", "Chongqing", [["chongqing", "重庆", "Chongqing", 29.563, 106.5516, 16.3]]],
	[
		"四川",
		"Sichuan",
		[
			["chengdu", "成都", "Chengdu", 30.5728, 104.0668, 13.3],
			["mianyang", "绵阳", "Mianyang", 31.4679, 104.6796, 1.4],
			["nanchong", "南充", "Nanchong", 30.796, 106.083, 1.3],
			["yibin", "宜宾", "Yibin", 28.7513, 104.6417, 1.1],
			["luzhou", "泸州", "Luzhou", 28.8718, 105.4423, 1.1],
			["dazhou", "达州", "Dazhou", 31.209, 107.468, 1.0],
			["zigong", "自贡", "Zigong", 29.3391, 104.7784, 1.0],
			["deyang", "德阳", "Deyang", 31.127, 104.3979, 0.8],
			["leshan", "乐山", "Leshan", 29.5521, 103.7656, 0.8],
			["suining", "遂宁", "Suining", 30.5329, 105.5929, 0.8],
		],
	],
	[
		"贵州",
		"Guizhou",
		[
			["guiyang", "贵阳", "Guiyang", 26.5783, 106.7135, 4.5],
			["zunyi", "遵义", "Zunyi", 27.703, 106.93, 1.6],
			["liupanshui", "六盘水", "Liupanshui", 26.5927, 104.8304, 0.7],
			["bijie", "毕节", "Bijie", 27.3017, 105.285, 0.7],
		],
	],
	[
		"云南",
		"Yunnan",
		[
			["kunming", "昆明", "Kunming", 25.0406, 102.7125, 5.3],
			["qujing", "曲靖", "Qujing", 25.49, 103.7962, 1.0],
			["dali", "大理", "Dali", 25.6065, 100.2676, 0.6],
			["yuxi", "玉溪", "Yuxi", 24.3518, 102.5437, 0.5],
		],
	],
	["西藏", "Tibet", [["lasa", "拉萨", "Lhasa", 29.652, 91.1721, 0.6]]],
	[
		"陕西",
		"Shaanxi",
		[
			["xian", "西安", "Xi'an", 34.261, 108.9423, 9.3],
			["baoji", "宝鸡", "Baoji", 34.3619, 107.2373, 1.0],
			["xianyang", "咸阳", "Xianyang", 34.3296, 108.7093, 1.0],
			["yulin-shaanxi", "榆林", "Yulin (Shaanxi)", 38.2852, 109.7345, 0.7],
			["weinan", "渭南", "Weinan", 34.4994, 109.5102, 0.7],
			["hanzhong", "汉中", "Hanzhong", 33.0676, 107.0238, 0.7],
		],
	],
	[
		"甘肃",
		"Gansu",
		[
			["lanzhou", "兰州", "Lanzhou", 36.0611, 103.8343, 3.0],
			["tianshui", "天水", "Tianshui", 34.5809, 105.7249, 0.8],
		],
	],
	["青海", "Qinghai", [["xining", "西宁", "Xining", 36.6171, 101.7782, 1.8]]],
	["宁夏", "Ningxia", [["yinchuan", "银川", "Yinchuan", 38.4872, 106.2309, 1.7]]],
	[
		"新疆",
		"Xinjiang",
		[
			["wulumuqi", "乌鲁木齐", "Urumqi", 43.8256, 87.6168, 4.0],
			["kashi", "喀什", "Kashgar", 39.4704, 75.9898, 0.7],
			["kelamayi", "克拉玛依", "Karamay", 45.5799, 84.8892, 0.4],
		],
	],
	["台湾", "Taiwan", [["taibei", "台北", "Taipei", 25.033, 121.5654, 2.6]]],
	["香港", "Hong Kong", [["xianggang", "香港", "Hong Kong", 22.3193, 114.1694, 7.5]]],
	["澳门", "Macau", [["aomen", "澳门", "Macau", 22.1987, 113.5439, 0.7]]],
];

/** Four decimals (about 11 m) are all a centre meant to lie within 5 km carries. */
const fourDecimals = (value: number) => Math.round(value * 1e4) / 1e4;

/**
 * The rows above are GeoNames' WGS-84; every stored and searched point is GCJ-02 (decision 021), so a
 * city's centre is converted once here, where the module loads.
 */
export const cities: readonly City[] = Object.freeze(
	provinces.flatMap(([province, provinceEn, rows]) =>
		rows.map(([code, nameZh, nameEn, wgsLatitude, wgsLongitude, population]): City => {
			const centre = storedFromWgs84({ latitude: wgsLatitude, longitude: wgsLongitude });
			const latitude = fourDecimals(centre.latitude);
			const longitude = fourDecimals(centre.longitude);
			return Object.freeze({ code, nameZh, nameEn, province, provinceEn, latitude, longitude, population });
		}),
	),
);

export const defaultCityCode = "shanghai";

const byCode = new Map(cities.map((city) => [city.code, city]));

export function findCity(code: string): City | undefined {
	return byCode.get(code.trim().toLowerCase());
}

const earthRadiusKm = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

function distanceKm(latitude1: number, longitude1: number, latitude2: number, longitude2: number): number {
	const sinHalfLatitude = Math.sin(radians(latitude2 - latitude1) / 2);
	const sinHalfLongitude = Math.sin(radians(longitude2 - longitude1) / 2);
	const a =
		sinHalfLatitude * sinHalfLatitude +
		Math.cos(radians(latitude1)) * Math.cos(radians(latitude2)) * sinHalfLongitude * sinHalfLongitude;
	return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The city whose centre is closest, by great-circle (haversine) distance, to the given point. */
export function nearestCity(latitude: number, longitude: number): City {
	let nearest = cities[0]!;
	let nearestDistance = Number.POSITIVE_INFINITY;
	for (const city of cities) {
		const distance = distanceKm(latitude, longitude, city.latitude, city.longitude);
		if (distance < nearestDistance) {
			nearest = city;
			nearestDistance = distance;
		}
	}
	return nearest;
}

/** Letters and digits only, lowercase: "Xi'an" and "xi an" both become "xian", "Hong Kong" becomes "hongkong". */
const latinKey = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
const latinNames = new Map(cities.map((city) => [city, latinKey(city.nameEn)]));

/**
 * Cities matching what a person typed, best first: an exact name, then names and pinyin codes that start with the
 * query (Chinese, pinyin or English, case-insensitive), then Chinese names that contain it; larger cities first
 * among equals. A blank query gives the largest cities.
 */
export function searchCities(query: string, limit = 10): City[] {
	const count = Math.max(0, Math.floor(limit));
	if (count === 0) return [];
	const text = query.normalize("NFKC").trim().toLowerCase();
	const chinese = text.replace(/\s+/g, "").replace(/市$/, "");
	const latin = latinKey(text);
	const bySize = (a: City, b: City) => (b.population ?? 0) - (a.population ?? 0);
	if (chinese === "" && latin === "") return [...cities].sort(bySize).slice(0, count);

	const rank = (city: City): number | undefined => {
		const english = latinNames.get(city) ?? "";
		if (chinese !== "" && city.nameZh === chinese) return 0;
		if (latin !== "" && (city.code.replace(/-/g, "") === latin || english === latin)) return 0;
		if (chinese !== "" && city.nameZh.startsWith(chinese)) return 1;
		if (latin !== "" && (city.code.replace(/-/g, "").startsWith(latin) || english.startsWith(latin))) return 1;
		if (chinese !== "" && city.nameZh.includes(chinese)) return 2;
		return undefined;
	};

	return cities
		.flatMap((city) => {
			const score = rank(city);
			return score === undefined ? [] : [{ city, score }];
		})
		.sort((a, b) => a.score - b.score || bySize(a.city, b.city))
		.slice(0, count)
		.map(({ city }) => city);
}

/** The cities as choices of a select, in the reader's language. */
export function cityOptions(locale: string): Array<{ value: string; label: string }> {
	return cities.map((city) => ({ value: city.code, label: locale === "en" ? city.nameEn : city.nameZh }));
}
