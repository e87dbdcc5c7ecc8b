// Payloads placed in listing titles, shop names, review text and product names. Each one, if
// it ever ran, would set window.__xss or open a dialog; the tests check neither happens and
// that no element they describe appears in the page.
export const XSS_VECTORS: string[] = [
	'<script>window.__xss=1;alert(1)</script>',
	'<img src=x onerror="window.__xss=2;alert(2)">',
	'<svg onload="window.__xss=3;alert(3)"></svg>',
	'<svg><script>window.__xss=4;alert(4)</script></svg>',
	'"><script>window.__xss=5;alert(5)</script>',
	"'><img src=x onerror=window.__xss=6;alert(6)>",
	'" onmouseover="window.__xss=7;alert(7)" x="',
	"' onfocus='window.__xss=8' autofocus='",
	'javascript:window.__xss=9;alert(9)',
	'<a href="javascript:window.__xss=10;alert(10)">klik</a>',
	'<iframe src="javascript:window.__xss=11;alert(11)"></iframe>',
	'<body onload="window.__xss=12;alert(12)">',
	'<details open ontoggle="window.__xss=13;alert(13)">',
	'<svg><animate onbegin="window.__xss=14;alert(14)" attributeName="x" dur="1s"/></svg>',
	'<svg><a xlink:href="javascript:window.__xss=15;alert(15)"><text x="20" y="20">klik</text></a></svg>',
	'<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=16;alert(16)>',
	'</textarea><script>window.__xss=17;alert(17)</script>',
	'</title><script>window.__xss=18;alert(18)</script>',
	'<style>@import "javascript:alert(19)";</style><b onclick=window.__xss=19>x</b>',
	'{@html "<img src=x onerror=window.__xss=20>"}',
	'${alert(21)}{{constructor.constructor("window.__xss=21;alert(21)")()}}',
	'<input onfocus="window.__xss=22;alert(22)" autofocus>',
	'<video><source onerror="window.__xss=23;alert(23)"></video>',
	'&lt;script&gt;window.__xss=24&lt;/script&gt; *tebal* _miring_ ~coret~ `kode`',
	'<object data="data:text/html,<script>parent.__xss=25</script>"></object>'
];

/** Tags and attributes that must not exist in a page after rendering any vector. */
export const INJECTED_SELECTORS = [
	'img[src="x"]',
	'svg[onload]',
	'iframe[src^="javascript"]',
	'a[href^="javascript"]',
	'[onerror]',
	'[onload]',
	'[onmouseover]',
	'[onfocus]',
	'[ontoggle]',
	'[onbegin]',
	'[onclick]',
	'object[data^="data:"]',
	'details[open][ontoggle]',
	'video source'
];
