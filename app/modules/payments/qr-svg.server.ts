import QRCode from "qrcode";

/** The SVG of a QR code for a provider's code text (Alipay precreate, WeChat Native). */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
