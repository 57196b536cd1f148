export default {
	errors: {
		notAnImage: "请上传 JPEG、PNG、WebP 或 AVIF 格式的图片",
		notAllowedType: "不支持该文件格式：图片请用 JPEG、PNG、WebP 或 AVIF，证书也可以是 PDF，视频请用 MP4",
		tooLarge: "文件不能超过 {{maxMb}} MB",
		tooManyPixels: "图片分辨率过高（不超过 {{maxMegapixels}} 百万像素）",
		empty: "文件是空的，请重新选择",
		notFound: "找不到该文件",
		linkExpired: "链接无效或已过期，请刷新页面后重试",
	},
};
