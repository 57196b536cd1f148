/** The payment methods and channels, as data the pages and the API share (no server code here). */
export const paymentMethods = ["alipay", "wechatpay", "stripe", "sandbox"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const paymentChannels = ["page", "wap", "qr", "native", "h5", "jsapi", "sandbox"] as const;
export type PaymentChannel = (typeof paymentChannels)[number];

/** Preset tips in fen (¥10, ¥20, ¥50, ¥100): one tap on a phone, as in the apps players know. */
export const tipPresetsFen = [1_000, 2_000, 5_000, 10_000] as const;
