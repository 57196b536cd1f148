/** A QR code drawn on the server as SVG (the `qrcode` library; no remote image service ever sees the payment). */
export function QrCode({ svg, label }: { svg: string; label: string }) {
	return (
		<div
			role="img"
			aria-label={label}
			className="mx-auto size-56 rounded-2xl bg-white p-3 ring-1 ring-line [&_svg]:size-full"
			// The SVG is made by the qrcode library from a provider's code text, never from user input.
			dangerouslySetInnerHTML={{ __html: svg }}
		/>
	);
}
