/**
 * The districts (区, and 县 where a city has them among its core) of the largest bundled cities, with
 * their centres: what a coach picks from when no geocoding service is configured or it does not answer.
 *
 * Source. Each centre is the district's centre as AMap's district service (`/v3/config/district`) lists it
 * — the seat of the district government — compiled by hand for this file and bundled, so nothing is fetched
 * at build or start. They are GCJ-02, the stored datum (./datum.ts), and meant to lie within about 2 km
 * of the district government: good enough to place a coach in the right part of a city, not to find a hall.
 *
 * Keys are the city codes of app/modules/coaches/cities.ts (the same stable pinyin codes); this module
 * does not import the coaches module, so venues can use it too.
 */
export interface District {
	cityCode: string;
	name: string;
	latitude: number;
	longitude: number;
}

type Row = readonly [name: string, longitude: number, latitude: number];

// Longitude first, as AMap writes "lng,lat".
const byCity: Readonly<Record<string, readonly Row[]>> = {
	beijing: [
		["东城区", 116.418757, 39.917544],
		["西城区", 116.366794, 39.915309],
		["朝阳区", 116.486409, 39.921489],
		["丰台区", 116.286968, 39.863642],
		["石景山区", 116.195445, 39.914601],
		["海淀区", 116.310316, 39.956074],
		["门头沟区", 116.105381, 39.937183],
		["房山区", 116.139157, 39.735535],
		["通州区", 116.658603, 39.902486],
		["顺义区", 116.653525, 40.128936],
		["昌平区", 116.235906, 40.218085],
		["大兴区", 116.338033, 39.728908],
		["怀柔区", 116.637122, 40.324272],
		["平谷区", 117.112335, 40.144783],
		["密云区", 116.843352, 40.377362],
		["延庆区", 115.985006, 40.465325],
	],
	tianjin: [
		["和平区", 117.195907, 39.118327],
		["河东区", 117.226568, 39.122125],
		["河西区", 117.217536, 39.101897],
		["南开区", 117.164143, 39.120474],
		["河北区", 117.201569, 39.156632],
		["红桥区", 117.163301, 39.175066],
		["东丽区", 117.313967, 39.087764],
		["西青区", 117.012247, 39.139446],
		["津南区", 117.382549, 38.989577],
		["北辰区", 117.13482, 39.225555],
		["武清区", 117.057959, 39.376925],
		["宝坻区", 117.308094, 39.716965],
		["滨海新区", 117.654173, 39.032846],
		["宁河区", 117.82828, 39.328886],
		["静海区", 116.925304, 38.935671],
		["蓟州区", 117.407449, 40.045342],
	],
	shanghai: [
		["黄浦区", 121.490317, 31.222771],
		["徐汇区", 121.43752, 31.179973],
		["长宁区", 121.4222, 31.218123],
		["静安区", 121.448224, 31.229003],
		["普陀区", 121.392499, 31.241701],
		["虹口区", 121.491832, 31.26097],
		["杨浦区", 121.522797, 31.270755],
		["闵行区", 121.375972, 31.111658],
		["宝山区", 121.489934, 31.398896],
		["嘉定区", 121.250333, 31.383524],
		["浦东新区", 121.567706, 31.245944],
		["金山区", 121.330736, 30.724697],
		["松江区", 121.223543, 31.03047],
		["青浦区", 121.113021, 31.151209],
		["奉贤区", 121.458472, 30.912345],
		["崇明区", 121.397516, 31.626946],
	],
	nanjing: [
		["玄武区", 118.792199, 32.050678],
		["秦淮区", 118.786088, 32.033818],
		["建邺区", 118.732688, 32.004538],
		["鼓楼区", 118.769739, 32.066966],
		["浦口区", 118.625307, 32.05839],
		["栖霞区", 118.808702, 32.102147],
		["雨花台区", 118.77207, 31.995946],
		["江宁区", 118.850621, 31.953418],
		["六合区", 118.85065, 32.340655],
		["溧水区", 119.028732, 31.653061],
		["高淳区", 118.87589, 31.327132],
	],
	hangzhou: [
		["上城区", 120.171465, 30.250236],
		["拱墅区", 120.150053, 30.314697],
		["西湖区", 120.147376, 30.272934],
		["滨江区", 120.21062, 30.206615],
		["萧山区", 120.27069, 30.162932],
		["余杭区", 120.301737, 30.421187],
		["临平区", 120.299376, 30.419025],
		["钱塘区", 120.493972, 30.32264],
		["富阳区", 119.949869, 30.049871],
		["临安区", 119.715101, 30.231153],
	],
	wuhan: [
		["江岸区", 114.30304, 30.594911],
		["江汉区", 114.283109, 30.578771],
		["硚口区", 114.264568, 30.57061],
		["汉阳区", 114.265807, 30.549326],
		["武昌区", 114.307344, 30.546536],
		["青山区", 114.39707, 30.634215],
		["洪山区", 114.400718, 30.504259],
		["东西湖区", 114.142483, 30.622467],
		["汉南区", 114.08124, 30.309637],
		["蔡甸区", 114.029341, 30.582186],
		["江夏区", 114.313961, 30.349045],
		["黄陂区", 114.374025, 30.874155],
		["新洲区", 114.802108, 30.842149],
	],
	guangzhou: [
		["荔湾区", 113.243038, 23.124943],
		["越秀区", 113.280714, 23.125624],
		["海珠区", 113.262008, 23.103131],
		["天河区", 113.335367, 23.13559],
		["白云区", 113.262831, 23.162281],
		["黄埔区", 113.450761, 23.103239],
		["番禺区", 113.364619, 22.938582],
		["花都区", 113.211184, 23.39205],
		["南沙区", 113.53738, 22.794531],
		["从化区", 113.587386, 23.545283],
		["增城区", 113.829579, 23.290497],
	],
	shenzhen: [
		["罗湖区", 114.123885, 22.555341],
		["福田区", 114.05096, 22.541009],
		["南山区", 113.92943, 22.531221],
		["宝安区", 113.828671, 22.754741],
		["龙岗区", 114.251372, 22.721511],
		["盐田区", 114.235366, 22.555069],
		["龙华区", 114.044346, 22.691963],
		["坪山区", 114.338441, 22.69423],
		["光明区", 113.935895, 22.748816],
	],
	chongqing: [
		["渝中区", 106.56288, 29.556742],
		["大渡口区", 106.48613, 29.481002],
		["江北区", 106.532844, 29.575352],
		["沙坪坝区", 106.4542, 29.541224],
		["九龙坡区", 106.480989, 29.523492],
		["南岸区", 106.560813, 29.523992],
		["北碚区", 106.437868, 29.82543],
		["渝北区", 106.512851, 29.601451],
		["巴南区", 106.519423, 29.381919],
	],
	chengdu: [
		["锦江区", 104.080989, 30.657689],
		["青羊区", 104.055731, 30.667648],
		["金牛区", 104.043487, 30.692058],
		["武侯区", 104.05167, 30.630862],
		["成华区", 104.103077, 30.660275],
		["龙泉驿区", 104.269181, 30.56065],
		["青白江区", 104.25494, 30.883438],
		["新都区", 104.16022, 30.824223],
		["温江区", 103.836776, 30.697996],
		["双流区", 103.922706, 30.573243],
		["郫都区", 103.887842, 30.808752],
		["新津区", 103.812449, 30.414284],
	],
	xian: [
		["新城区", 108.959903, 34.26927],
		["碑林区", 108.946994, 34.251061],
		["莲湖区", 108.933194, 34.2656],
		["灞桥区", 109.067261, 34.267453],
		["未央区", 108.946022, 34.30823],
		["雁塔区", 108.926593, 34.213389],
		["阎良区", 109.22802, 34.662141],
		["临潼区", 109.213986, 34.372065],
		["长安区", 108.941579, 34.157097],
		["高陵区", 109.088896, 34.535065],
		["鄠邑区", 108.607385, 34.108668],
	],
};

const districts: Readonly<Record<string, readonly District[]>> = Object.freeze(
	Object.fromEntries(
		Object.entries(byCity).map(([cityCode, rows]) => [
			cityCode,
			Object.freeze(rows.map(([name, longitude, latitude]) => Object.freeze({ cityCode, name, latitude, longitude }))),
		]),
	),
);

/** The bundled districts of a city, in the order above (none for a city without a list). */
export function districtsOf(cityCode: string): readonly District[] {
	return districts[cityCode.trim().toLowerCase()] ?? [];
}

/** The cities that have a bundled district list. */
export const citiesWithDistricts: readonly string[] = Object.freeze(Object.keys(byCity));

/** The name without its 区/县/新区 suffix, so 浦东 finds 浦东新区 and 海淀 finds 海淀区. */
const stem = (name: string) => name.replace(/(新区|区|县)$/, "");

/**
 * A city's districts matching what a coach typed: the district's name contained in the query
 * ("上海市浦东新区张江" finds 浦东新区) or the query contained in the name ("海淀" finds 海淀区). A blank
 * query, or one that names no district, gives them all, so the list is always something to pick from.
 */
export function matchDistricts(cityCode: string, query: string): readonly District[] {
	const all = districtsOf(cityCode);
	const text = query.normalize("NFKC").replace(/\s+/g, "");
	if (text === "") return all;
	const found = all.filter((district) => text.includes(stem(district.name)) || district.name.includes(text));
	return found.length > 0 ? found : all;
}
